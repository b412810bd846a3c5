package dev.ballast.anvil;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the anvil executable: {@code -Dballast.anvil.bin}, else the npm install under the contracts directory. */
final class AnvilBinary {
    private AnvilBinary() {}

    static Path locate() {
        String explicit = System.getProperty("ballast.anvil.bin", System.getenv("BALLAST_ANVIL_BIN"));
        if (explicit != null && !explicit.isBlank()) return requireExecutable(Path.of(explicit), "ballast.anvil.bin");
        Path contracts = Path.of(System.getProperty("ballast.contracts.dir", "contracts"));
        // The platform package carries the real binary; .bin/anvil is a node launcher around it.
        Path direct = contracts.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (Files.isExecutable(direct)) return direct.toAbsolutePath();
        Path launcher = contracts.resolve("node_modules/.bin/anvil");
        if (Files.isExecutable(launcher)) return launcher.toAbsolutePath();
        throw new AnvilException("anvil not found under " + contracts.toAbsolutePath() + "/node_modules: run "
                + "'scripts/contracts.sh install' (or ./mvnw verify), or set -Dballast.anvil.bin / BALLAST_ANVIL_BIN");
    }

    private static Path requireExecutable(Path path, String source) {
        if (!Files.isExecutable(path)) throw new AnvilException(source + " points at " + path + ", which is not an executable file");
        return path;
    }
}
