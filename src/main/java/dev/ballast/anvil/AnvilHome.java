package dev.ballast.anvil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A HOME folder of Anvil's own. Anvil writes the states of older blocks to {@code $HOME/.foundry/anvil/tmp} and
 * removes them only when it exits cleanly; every Anvil killed by a signal (a test's forced stop, a killed test JVM)
 * left its folder behind, and a day of test runs filled a 250 GB disk that way. Each Anvil therefore gets a folder
 * that is deleted when it stops, and folders of JVMs that died without stopping their Anvil are swept at the next
 * start: each folder names its owner's process id.
 */
record AnvilHome(Path path) {
    private static final String PREFIX = "ballast-anvil-home-";

    static AnvilHome create() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepOrphans(tmp);
        return new AnvilHome(Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-"));
    }

    /** Deletes the folder and everything Anvil wrote into it; quiet if it is gone already. */
    void delete() {
        deleteTree(path);
    }

    private static void sweepOrphans(Path tmp) {
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path home : homes) {
                if (!ownerAlive(home.getFileName().toString())) deleteTree(home);
            }
        } catch (IOException | UncheckedIOException e) {
            // sweeping is housekeeping: a folder another process is deleting right now is not an error
        }
    }

    private static boolean ownerAlive(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException notOurs) {
            return true;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a file still held open is removed by the next sweep
        }
    }
}
