package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "It never holds a key and cannot send", made structural: the compiled dashboard classes, and every Ballast class
 * they reach, reference no signer, credentials, config (which names the signer), transaction sender, contract
 * wrapper, web3j client or journal writer, and name no sending RPC method. Read from the class files' constant
 * pools, so a later edit that wires any of them in fails here, whatever the source looks like.
 */
class DashboardReadOnlyTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern BALLAST_CLASS = Pattern.compile("dev/ballast/[A-Za-z0-9_/$]+");
    /** Type names (constant-pool form) no class of the dashboard may mention. */
    static final List<String> FORBIDDEN = List.of("org/web3j/crypto/Credentials", "org/web3j/crypto/ECKeyPair",
            "org/web3j/crypto/Sign", "org/web3j/crypto/TransactionEncoder", "org/web3j/crypto/RawTransaction",
            "org/web3j/crypto/WalletUtils", "org/web3j/tx/", "org/web3j/protocol/Web3j", "org/web3j/protocol/admin",
            "dev/ballast/config/", "dev/ballast/tx/", "dev/ballast/keeper/", "dev/ballast/contracts/",
            "dev/ballast/journal/Journal", "dev/ballast/cli/", "eth_sendRawTransaction", "eth_sendTransaction",
            "eth_sign", "personal_");

    @Test
    void noDashboardClassReachesASignerOrASender() throws IOException {
        Set<String> reached = closure("dev/ballast/dashboard/");
        assertThat(reached).as("the scan found the dashboard's classes").contains("dev/ballast/dashboard/DashboardServer",
                "dev/ballast/dashboard/ReadOnlyRpc", "dev/ballast/dashboard/JournalReader",
                "dev/ballast/metrics/RollingPerformance", "dev/ballast/dashboard/PaperView", "dev/ballast/paper/PaperReport");
        for (String type : reached) {
            String pool = constants(type);
            for (String f : FORBIDDEN) assertThat(pool).as("%s mentions %s", type, f).doesNotContain(f);
        }
    }

    @Test
    void theScanDoesSeeASenderWhereThereIsOne() throws IOException {
        // the same scan from the keeper's run command must find the signer: otherwise the test above proves nothing
        Set<String> reached = closure("dev/ballast/cli/RunCommand");
        String all = String.join("\n", reached.stream().map(t -> {
            try {
                return constants(t);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList());
        assertThat(all).contains("org/web3j/crypto/Credentials").contains("dev/ballast/tx/");
    }

    /** Every Ballast class reachable from the classes under {@code prefix}, by constant-pool references. */
    private static Set<String> closure(String prefix) throws IOException {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("dev/ballast"))) {
            files.map(p -> CLASSES.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class") && n.startsWith(prefix))
                    .forEach(n -> todo.add(n.substring(0, n.length() - ".class".length())));
        }
        while (!todo.isEmpty()) {
            String type = todo.pop();
            if (!seen.add(type)) continue;
            Matcher m = BALLAST_CLASS.matcher(constants(type));
            while (m.find()) {
                String ref = m.group();
                if (Files.isRegularFile(CLASSES.resolve(ref + ".class")) && !seen.contains(ref)) todo.add(ref);
            }
        }
        return seen;
    }

    private static String constants(String type) throws IOException {
        return new String(Files.readAllBytes(CLASSES.resolve(type + ".class")), StandardCharsets.ISO_8859_1);
    }
}
