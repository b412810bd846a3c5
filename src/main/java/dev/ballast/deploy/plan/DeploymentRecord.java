package dev.ballast.deploy.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deployment's output file: what exists on chain, by item id, with the transaction and block that made it and the
 * description it was made from (so a changed description is noticed). It is rewritten after every step, so a run
 * that stops half way can be resumed. {@code vaults} maps vault names to addresses for keeper-config.yaml.
 */
public final class DeploymentRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * One recorded item. {@code address} is null for a configuration call; {@code pending} holds a timelocked
     * change's proposal (call data, nonce, eta) until it is executed.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(String kind, String address, String tx, Long block, Map<String, String> spec,
            Map<String, String> pending) {}

    /** The file's JSON form. */
    public record Document(long chainId, String deployer, Map<String, Item> items, Map<String, String> vaults) {}

    private final Path file;
    private final long chainId;
    private final String deployer;
    private final Map<String, Item> items;

    private DeploymentRecord(Path file, long chainId, String deployer, Map<String, Item> items) {
        this.file = file;
        this.chainId = chainId;
        this.deployer = deployer;
        this.items = items;
    }

    /** Reads {@code file} if it exists (it must be for the same chain), else starts empty. */
    public static DeploymentRecord open(Path file, long chainId, String deployer) {
        if (file == null || !Files.exists(file)) return new DeploymentRecord(file, chainId, deployer, new LinkedHashMap<>());
        Document doc;
        try {
            doc = JSON.readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            throw new DeployException("cannot read the deployment record " + file + ": " + e.getMessage(), e);
        }
        if (doc.chainId() != chainId) {
            throw new DeployException("the deployment record " + file + " is for chain " + doc.chainId()
                    + ", the deployment file says chain " + chainId + ": use another --out file");
        }
        return new DeploymentRecord(file, chainId, deployer, new LinkedHashMap<>(doc.items() == null ? Map.of() : doc.items()));
    }

    public Item get(String id) {
        return items.get(id);
    }

    public Map<String, Item> items() {
        return Collections.unmodifiableMap(items);
    }

    public void put(String id, Item item) {
        items.put(id, item);
        save();
    }

    /** Vault name → address, for keeper-config.yaml. */
    public Map<String, String> vaults() {
        Map<String, String> out = new TreeMap<>();
        items.forEach((id, item) -> {
            if (id.startsWith("vault.") && id.indexOf('.', 6) < 0 && item.address() != null) out.put(id.substring(6), item.address());
        });
        return out;
    }

    private void save() {
        if (file == null) return;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Document(chainId, deployer, items, vaults()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeployException("cannot write the deployment record " + file + ": " + e.getMessage(), e);
        }
    }
}
