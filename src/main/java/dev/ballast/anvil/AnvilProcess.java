package dev.ballast.anvil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Anvil as a child process, from the npm install under {@code contracts/node_modules}.
 *
 * <p>Anvil must not outlive the JVM, even one killed with SIGKILL where no shutdown hook runs. So Anvil is started by
 * a tiny shell guard that holds the read end of a pipe from this JVM: when the JVM dies, the pipe closes, the guard
 * wakes and kills Anvil. A shutdown hook covers the ordinary exits as well.
 */
public final class AnvilProcess implements AnvilNode {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    // $0 is the anvil binary; the guard kills it once stdin (our pipe) reaches EOF. Background jobs of a
    // non-interactive shell read /dev/null, so the pipe is handed to the watcher explicitly on fd 3.
    private static final String GUARD = "exec 3<&0; \"$0\" \"$@\" </dev/null & child=$!; "
            + "(cat <&3 >/dev/null; kill $child 2>/dev/null) & watcher=$!; exec 3<&-; "
            + "wait $child; status=$?; kill $watcher 2>/dev/null; exit $status";

    private final Process process;
    private final OutputStream lifeline;
    private final String rpcUrl;
    private final Path log;
    private final AnvilHome home;
    private final Thread shutdownHook;

    private AnvilProcess(Process process, String rpcUrl, Path log, AnvilHome home) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.rpcUrl = rpcUrl;
        this.log = log;
        this.home = home;
        this.shutdownHook = new Thread(this::stop, "anvil-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Anvil and returns once it answers JSON-RPC. */
    public static AnvilProcess start(AnvilOptions options) {
        Path binary = AnvilBinary.locate();
        int port = options.port() == 0 ? freePort() : options.port();
        List<String> command = new ArrayList<>(List.of("bash", "-c", GUARD, binary.toString()));
        command.addAll(options.arguments("127.0.0.1", port));
        try {
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            AnvilHome home = AnvilHome.create();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("HOME", home.path().toString());
            Process process = builder.start();
            AnvilProcess anvil = new AnvilProcess(process, "http://127.0.0.1:" + port, log, home);
            anvil.awaitReady();
            return anvil;
        } catch (IOException e) {
            throw new AnvilException("could not start anvil at " + binary + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String rpcUrl() {
        return rpcUrl;
    }

    /** The process id of the guard (Anvil is its child); used by tests that check nothing is left behind. */
    public long pid() {
        return process.pid();
    }

    /** Anvil's own HOME, where it writes older blocks' states; deleted when this Anvil stops. */
    Path home() {
        return home.path();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing to remove
        }
    }

    private void stop() {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the guard is gone already; descendants are destroyed below either way
        }
        family.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        home.delete();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest chainId = HttpRequest.newBuilder(URI.create(rpcUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new AnvilException("anvil exited with code " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<String> response = http.send(chainId, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"result\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new AnvilException("interrupted while waiting for anvil", e);
            }
            sleep(50);
        }
        close();
        throw new AnvilException("anvil did not answer on " + rpcUrl + " within " + STARTUP_TIMEOUT + ": " + tail());
    }

    private String tail() {
        try (InputStream in = Files.newInputStream(log)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AnvilException("no free local port: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
