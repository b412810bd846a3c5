import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;
import org.web3j.crypto.Hash;

/**
 * Turns forge's artifacts (contracts/out) into web3j wrappers. Run by Maven in generate-sources as a single-file
 * program, so the build needs no plugin of its own: {@code java -cp <compile classpath> GenerateWrappers.java OUT DEST PKG}.
 *
 * <p>Only Ballast's own contracts get wrappers: sources under {@code src/} and the deployable test doubles under
 * {@code test/mocks/} (the demo and the Java tests deploy tokens and feeds). Libraries and anything without an ABI are
 * skipped. It also writes a table of every custom error's selector and signature (a classpath resource), which the
 * keeper uses to decode reverts.
 */
public class GenerateWrappers {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: GenerateWrappers <forge-out-dir> <destination-dir> <package> <errors-file>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path dest = Path.of(args[1]);
        String pkg = args[2];
        Path errorsFile = Path.of(args[3]);
        if (!Files.isDirectory(out)) {
            System.err.println("error: no forge artifacts at " + out + " (run scripts/contracts.sh build first)");
            System.exit(1);
        }
        Path work = Files.createTempDirectory("ballast-abi");
        ObjectMapper json = new ObjectMapper();
        List<String> generated = new ArrayList<>();
        TreeMap<String, String> errors = new TreeMap<>();
        // a contract compiled under two optimizer profiles (foundry.toml's compilation_restrictions) has two
        // artifacts of one name: the wrapper deploys the one optimized for the most runs, the default profile's
        TreeMap<String, JsonNode> chosen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path artifact : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(artifact.toFile());
                String source = sourceOf(root);
                if (source == null || !(source.startsWith("src/") || source.startsWith("test/mocks/"))) continue;
                String file = artifact.getFileName().toString(); // X.json, or X.<profile>.json for a second profile
                String name = file.substring(0, file.indexOf('.'));
                JsonNode previous = chosen.get(name);
                if (previous == null || runsOf(root) > runsOf(previous)) chosen.put(name, root);
            }
        }
        for (Map.Entry<String, JsonNode> entry : chosen.entrySet()) {
            JsonNode root = entry.getValue();
            JsonNode abi = root.path("abi");
            if (!abi.isArray() || abi.isEmpty()) continue;
            collectErrors(abi, errors);
            String name = entry.getKey();
            Path abiFile = work.resolve(name + ".abi");
            Path binFile = work.resolve(name + ".bin");
            Files.writeString(abiFile, json.writeValueAsString(abi));
            Files.writeString(binFile, root.path("bytecode").path("object").asText("").replaceFirst("^0x", ""));
            new SolidityFunctionWrapperGenerator(
                            binFile.toFile(), abiFile.toFile(), dest.toFile(), name, pkg, true, false, 20)
                    .generate();
            generated.add(name);
        }
        Files.createDirectories(errorsFile.getParent());
        StringBuilder table = new StringBuilder("# selector\tsignature\tparameter names (custom errors of Ballast's contracts)\n");
        errors.forEach((selector, signature) -> table.append(selector).append('\t').append(signature).append('\n'));
        Files.writeString(errorsFile, table.toString());
        System.out.println("web3j wrappers (" + generated.size() + ") in " + dest + ": " + String.join(", ", generated));
    }

    /**
     * Custom errors by selector, so the keeper can name a revert ("MaxInRatio()") instead of printing hex. Tuple
     * parameters are rare in errors and written as their canonical "(a,b)" form.
     */
    private static void collectErrors(JsonNode abi, Map<String, String> errors) {
        for (JsonNode entry : abi) {
            if (!"error".equals(entry.path("type").asText())) continue;
            List<String> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                types.add(canonicalType(input));
                names.add(input.path("name").asText());
            }
            String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
            // the names let a message say "fee=50%" rather than a bare 500000000000000000
            errors.put(Hash.sha3String(signature).substring(0, 10), signature + "\t" + String.join(",", names));
        }
    }

    private static String canonicalType(JsonNode param) {
        String type = param.path("type").asText();
        if (!type.startsWith("tuple")) return type;
        List<String> parts = new ArrayList<>();
        for (JsonNode component : param.path("components")) parts.add(canonicalType(component));
        return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
    }

    private static long runsOf(JsonNode root) {
        return root.path("metadata").path("settings").path("optimizer").path("runs").asLong(0);
    }

    /** The source path forge compiled the artifact from, relative to the contracts root. */
    private static String sourceOf(JsonNode root) throws IOException {
        JsonNode target = root.path("metadata").path("settings").path("compilationTarget");
        if (target.isObject() && target.fieldNames().hasNext()) return target.fieldNames().next();
        JsonNode path = root.path("ast").path("absolutePath");
        return path.isTextual() ? path.asText() : null;
    }
}
