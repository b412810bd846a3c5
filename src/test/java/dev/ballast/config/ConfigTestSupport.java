package dev.ballast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

final class ConfigTestSupport {
    /** The smallest valid file: everything else defaults. */
    static final String MINIMAL = """
            chainId: 31337
            rpc:
              endpoints:
                - http: http://127.0.0.1:8545
            signer:
              privateKeyEnv: KEEPER_KEY
            vaults:
              - address: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
                name: main
            """;

    private ConfigTestSupport() {
    }

    static KeeperConfig parse(String yaml, Path dir, Map<String, String> env) {
        return ConfigLoader.parse(yaml, dir, "test.yaml", env);
    }

    static List<ConfigProblem> problems(String yaml, Path dir, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml, dir, env));
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.getMessage()).startsWith("test.yaml has " + e.problems().size() + " problem");
        return e.problems();
    }

    /** Asserts exactly one problem, at {@code path}, whose text contains every fragment. */
    static ConfigProblem single(String yaml, Path dir, Map<String, String> env, String path, String... fragments) {
        List<ConfigProblem> ps = problems(yaml, dir, env);
        assertThat(ps).as(ps.toString()).hasSize(1);
        ConfigProblem p = ps.getFirst();
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.toString()).contains(fragments);
        return p;
    }

    /** MINIMAL with {@code extra} appended (top-level keys). */
    static String with(String extra) {
        return MINIMAL + extra;
    }

    /** MINIMAL with its only vault given {@code policyLines} (each indented under policy:). */
    static String vaultPolicy(String policyLines) {
        return MINIMAL + "    policy:\n" + policyLines.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
    }
}
