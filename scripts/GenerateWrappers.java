import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Turns forge's artifacts (contracts/out) into web3j wrappers. Run by Maven in generate-sources as a single-file
 * program, so the build needs no plugin of its own: {@code java -cp <compile classpath> GenerateWrappers.java OUT DEST PKG}.
 *
 * <p>Only Ballast's own contracts get wrappers: sources under {@code src/} and the deployable test doubles under
 * {@code test/mocks/} (the demo and the Java tests deploy tokens and feeds). Libraries and anything without an ABI are
 * skipped.
 */
public class GenerateWrappers {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GenerateWrappers <forge-out-dir> <destination-dir> <package>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path dest = Path.of(args[1]);
        String pkg = args[2];
        if (!Files.isDirectory(out)) {
            System.err.println("error: no forge artifacts at " + out + " (run scripts/contracts.sh build first)");
            System.exit(1);
        }
        Path work = Files.createTempDirectory("ballast-abi");
        ObjectMapper json = new ObjectMapper();
        List<String> generated = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path artifact : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(artifact.toFile());
                String source = sourceOf(root);
                if (source == null || !(source.startsWith("src/") || source.startsWith("test/mocks/"))) continue;
                JsonNode abi = root.path("abi");
                if (!abi.isArray() || abi.isEmpty()) continue;
                String name = artifact.getFileName().toString().replace(".json", "");
                Path abiFile = work.resolve(name + ".abi");
                Path binFile = work.resolve(name + ".bin");
                Files.writeString(abiFile, json.writeValueAsString(abi));
                Files.writeString(binFile, root.path("bytecode").path("object").asText("").replaceFirst("^0x", ""));
                new SolidityFunctionWrapperGenerator(
                                binFile.toFile(), abiFile.toFile(), dest.toFile(), name, pkg, true, false, 20)
                        .generate();
                generated.add(name);
            }
        }
        System.out.println("web3j wrappers (" + generated.size() + ") in " + dest + ": " + String.join(", ", generated));
    }

    /** The source path forge compiled the artifact from, relative to the contracts root. */
    private static String sourceOf(JsonNode root) throws IOException {
        JsonNode target = root.path("metadata").path("settings").path("compilationTarget");
        if (target.isObject() && target.fieldNames().hasNext()) return target.fieldNames().next();
        JsonNode path = root.path("ast").path("absolutePath");
        return path.isTextual() ? path.asText() : null;
    }
}
