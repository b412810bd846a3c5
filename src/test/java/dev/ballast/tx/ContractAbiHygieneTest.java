package dev.ballast.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * The ABIs forge wrote (contracts/out) as a client holding only an ABI sees them (ethers, viem, cast): no contract may
 * declare two errors with one selector (ethers then decodes one with the other's field names, as WeightedPool's two
 * LengthMismatch(uint256,uint256) did), the factory's ABI must name the errors a failed {@code create} returns, and
 * the pool's Swap event must be filterable by recipient.
 */
class ContractAbiHygieneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUT = Path.of(System.getProperty("ballast.contracts.dir", "contracts"), "out");

    @Test
    void noContractAbiDeclaresTwoErrorsWithOneSelector() throws IOException {
        Map<String, JsonNode> abis = ballastAbis();
        assertThat(abis).as("artifacts under " + OUT).containsKeys("WeightedPool", "WeightedPoolFactory", "RebalancingVault");
        List<String> clashes = new ArrayList<>();
        abis.forEach((contract, abi) -> {
            Map<String, String> seen = new HashMap<>();
            for (JsonNode entry : abi) {
                if (!"error".equals(entry.path("type").asText())) continue;
                String signature = signature(entry);
                String named = signature + " " + entry.path("inputs");
                String selector = Hash.sha3String(signature).substring(0, 10);
                String previous = seen.putIfAbsent(selector, named);
                if (previous != null) clashes.add(contract + ": " + selector + " declared as " + previous + " and " + named);
            }
        });
        assertThat(clashes).as("duplicate error selectors").isEmpty();
    }

    @Test
    void factoryAbiNamesEveryErrorOfThePoolConfiguration() throws IOException {
        Map<String, JsonNode> abis = ballastAbis();
        Set<String> factory = errorSignatures(abis.get("WeightedPoolFactory"));
        Set<String> poolErrors = errorSignatures(abis.get("IWeightedPoolErrors"));
        assertThat(poolErrors).contains("TokenCountOutOfRange(uint256,uint256,uint256)", "SwapFeeOutOfRange(uint256,uint256,uint256)");
        assertThat(factory).containsAll(poolErrors);
    }

    @Test
    void swapEventIndexesTheRecipient() throws IOException {
        JsonNode swap = null;
        for (JsonNode entry : ballastAbis().get("WeightedPool")) {
            if ("event".equals(entry.path("type").asText()) && "Swap".equals(entry.path("name").asText())) swap = entry;
        }
        assertThat(swap).as("Swap event").isNotNull();
        Map<String, Boolean> indexed = new HashMap<>();
        for (JsonNode input : swap.path("inputs")) indexed.put(input.path("name").asText(), input.path("indexed").asBoolean());
        assertThat(indexed).containsEntry("recipient", true).containsEntry("sender", true).containsEntry("tokenIn", true);
    }

    /** Contract name to ABI, for artifacts compiled from Ballast's own sources. */
    private static Map<String, JsonNode> ballastAbis() throws IOException {
        Map<String, JsonNode> abis = new HashMap<>();
        try (Stream<Path> files = Files.walk(OUT)) {
            for (Path artifact : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("build-info")).toList()) {
                JsonNode root = JSON.readTree(artifact.toFile());
                JsonNode target = root.path("metadata").path("settings").path("compilationTarget");
                if (!target.isObject() || !target.fieldNames().hasNext()) continue;
                if (!target.fieldNames().next().startsWith("src/")) continue;
                abis.put(artifact.getFileName().toString().replace(".json", ""), root.path("abi"));
            }
        }
        return abis;
    }

    private static Set<String> errorSignatures(JsonNode abi) {
        Set<String> signatures = new TreeSet<>();
        for (JsonNode entry : abi) if ("error".equals(entry.path("type").asText())) signatures.add(signature(entry));
        return signatures;
    }

    private static String signature(JsonNode entry) {
        List<String> types = new ArrayList<>();
        for (JsonNode input : entry.path("inputs")) types.add(input.path("type").asText());
        return entry.path("name").asText() + "(" + String.join(",", types) + ")";
    }
}
