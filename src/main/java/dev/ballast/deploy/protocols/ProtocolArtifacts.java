package dev.ballast.deploy.protocols;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.utils.Numeric;

/**
 * The creation code of the real Uniswap V2/V3 and Balancer V2 contracts, read from the npm packages pinned in
 * contracts/package.json (the same bytes as on mainnet: the V2 pair's and V3 pool's init code hashes match the ones
 * the periphery contracts hard-code). Found under {@code -Dballast.contracts.dir} (default {@code contracts}), the
 * directory the build and the Anvil launcher already use.
 */
public final class ProtocolArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BALANCER_TASKS = "@balancer-labs/v2-deployments/dist/tasks/";

    private ProtocolArtifacts() {}

    public static Path contractsDir() {
        return Path.of(System.getProperty("ballast.contracts.dir", "contracts"));
    }

    /** {@code @uniswap/v2-core/build/<name>.json} (waffle format: hex without 0x under "bytecode"). */
    public static String uniswapV2Core(String name) {
        return field("@uniswap/v2-core/build/" + name + ".json", "bytecode");
    }

    /** {@code @uniswap/v2-periphery/build/<name>.json}; WETH9 lives here. */
    public static String uniswapV2Periphery(String name) {
        return field("@uniswap/v2-periphery/build/" + name + ".json", "bytecode");
    }

    /** {@code @uniswap/v3-core/artifacts/contracts/<name>.sol/<name>.json} (hardhat format). */
    public static String uniswapV3Core(String name) {
        return field("@uniswap/v3-core/artifacts/contracts/" + name + ".sol/" + name + ".json", "bytecode");
    }

    /** {@code @uniswap/v3-periphery/artifacts/contracts/<path>.sol/<name>.json}, path e.g. "SwapRouter". */
    public static String uniswapV3Periphery(String path, String name) {
        return field("@uniswap/v3-periphery/artifacts/contracts/" + path + ".sol/" + name + ".json", "bytecode");
    }

    /** {@code @balancer-labs/v2-deployments/dist/tasks/<task>/bytecode/<name>.json}, e.g. ("20210418-vault", "Vault"). */
    public static String balancer(String task, String name) {
        return field(BALANCER_TASKS + task + "/bytecode/" + name + ".json", "creationCode");
    }

    private static String field(String relative, String key) {
        Path file = contractsDir().resolve("node_modules").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("protocol artifact " + file.toAbsolutePath() + " is missing: run "
                    + "'scripts/contracts.sh install' (npm ci in contracts/) or set -Dballast.contracts.dir");
        }
        try {
            JsonNode code = JSON.readTree(file.toFile()).get(key);
            if (code == null || !code.isTextual() || code.asText().length() < 4) {
                throw new IllegalStateException(file + " has no " + key);
            }
            return Numeric.prependHexPrefix(code.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
