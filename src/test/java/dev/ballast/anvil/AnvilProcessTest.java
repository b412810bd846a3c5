package dev.ballast.anvil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnvilProcessTest {

    @Test
    void closeStopsAnvil() {
        AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults());
        List<ProcessHandle> family = ProcessHandle.of(anvil.pid()).orElseThrow().descendants().toList();
        assertThat(family).as("anvil runs under the guard").isNotEmpty();
        anvil.close();
        assertThat(awaitDead(family, 5_000)).as("anvil processes still alive after close").isEmpty();
    }

    @Test
    void aKilledJvmLeavesNoAnvilBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                        "-Dballast.contracts.dir=" + System.getProperty("ballast.contracts.dir", "contracts"),
                        AnvilOrphanProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        long anvilPid = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ANVIL_PID ")) {
                anvilPid = Long.parseLong(line.substring("ANVIL_PID ".length()).trim());
                break;
            }
        }
        assertThat(anvilPid).as("probe reported the anvil pid").isPositive();
        Optional<ProcessHandle> anvil = ProcessHandle.of(anvilPid);
        assertThat(anvil).as("anvil alive while the probe JVM lives").isPresent();

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the probe
        child.waitFor(10, TimeUnit.SECONDS);

        assertThat(awaitDead(List.of(anvil.get()), 10_000)).as("anvil orphaned by a SIGKILLed JVM").isEmpty();
    }

    @Test
    void anAnvilKilledBySignalLeavesNoStateFilesBehind() throws Exception {
        AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults());
        Path home = anvil.home();
        new AnvilRpc(new org.web3j.protocol.http.HttpService(anvil.rpcUrl())).mine(800);
        assertThat(stateFiles(home)).as("anvil wrote older blocks' states into its own HOME").isPositive();
        ProcessHandle.of(anvil.pid()).orElseThrow().descendants().forEach(ProcessHandle::destroyForcibly);
        anvil.close();
        assertThat(home).as("the state folder of an anvil killed by SIGKILL").doesNotExist();
    }

    @Test
    void aHomeLeftByADeadJvmIsSweptAtTheNextStart() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path orphan = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                "ballast-anvil-home-" + dead.pid() + "-test", ".foundry", "anvil", "tmp"));
        Files.writeString(orphan.resolve("state.json"), "{}");
        Path mine = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                "ballast-anvil-home-" + ProcessHandle.current().pid() + "-");
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            assertThat(orphan.getParent().getParent().getParent()).as("a dead JVM's anvil HOME").doesNotExist();
            assertThat(mine).as("a live JVM's anvil HOME is left alone").exists();
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    private static long stateFiles(Path home) throws Exception {
        Path tmp = home.resolve(".foundry/anvil/tmp");
        if (!Files.exists(tmp)) return 0;
        try (var files = Files.walk(tmp)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aMissingBinaryIsAClearError() {
        String previous = System.getProperty("ballast.anvil.bin");
        System.setProperty("ballast.anvil.bin", "/nonexistent/anvil");
        try {
            assertThatThrownBy(() -> AnvilProcess.start(AnvilOptions.defaults()))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageContaining("/nonexistent/anvil")
                    .hasMessageContaining("not an executable");
        } finally {
            if (previous == null) System.clearProperty("ballast.anvil.bin");
            else System.setProperty("ballast.anvil.bin", previous);
        }
    }

    private static List<ProcessHandle> awaitDead(List<ProcessHandle> processes, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        List<ProcessHandle> alive = processes;
        while (System.currentTimeMillis() < deadline) {
            alive = alive.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) return alive;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return alive;
    }
}
