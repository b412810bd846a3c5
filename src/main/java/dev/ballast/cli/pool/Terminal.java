package dev.ballast.cli.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the pool commands read their environment and their confirmations: the process's own environment and
 * console, or (in tests) what {@link #use} installs. The console check is what lets a script without {@code --yes}
 * fail clearly instead of hanging on stdin.
 */
final class Terminal {
    private static volatile Function<String, String> env = System::getenv;
    private static volatile BufferedReader input;
    private static volatile Boolean interactive;

    private Terminal() {}

    static String env(String name) {
        return env.apply(name);
    }

    static boolean interactive() {
        Boolean forced = interactive;
        return forced != null ? forced : System.console() != null;
    }

    /** One line of the user's answer, or null at end of input. */
    static String readLine() throws IOException {
        BufferedReader in = input;
        if (in == null) {
            in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            input = in;
        }
        return in.readLine();
    }

    /** Test hook: a fixed environment and stdin; {@code answers == null} means no console. */
    static void use(Map<String, String> environment, String answers) {
        env = environment::get;
        interactive = answers != null;
        input = answers == null ? null : new BufferedReader(new StringReader(answers));
    }

    static void reset() {
        env = System::getenv;
        interactive = null;
        input = null;
    }
}
