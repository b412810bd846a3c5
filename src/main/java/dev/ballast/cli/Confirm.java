package dev.ballast.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks before anything is sent, unless --yes; with no console and no --yes it refuses rather than guess. */
final class Confirm {
    private Confirm() {}

    static boolean ask(String action, boolean yes) throws IOException {
        System.out.println("about to " + action);
        if (yes) return true;
        if (System.console() == null) {
            throw new UserInputException("not sending: no terminal to confirm on; pass --yes to send without asking");
        }
        System.out.print("send? [y/N] ");
        System.out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        boolean ok = answer != null && answer.trim().equalsIgnoreCase("y");
        if (!ok) System.out.println("not sent");
        return ok;
    }
}
