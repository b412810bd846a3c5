package dev.ballast.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A failing contract test must fail the build: {@code scripts/contracts.sh test} is how Maven and CI run forge, and
 * forge's exit status is their only signal. (npm's node_modules/.bin/forge launcher drops it: with it, every forge
 * failure exited 0.) The probe test in contracts/test/utils/ExitStatusProbe.t.sol fails when asked to.
 */
class ContractsScriptExitStatusTest {
    private static final List<String> PROBE =
            List.of("bash", "scripts/contracts.sh", "test", "--match-contract", "ExitStatusProbeTest");

    @Test
    void aFailingForgeTestMakesTheScriptExitNonZero() throws Exception {
        Run failing = run(PROBE, Map.of("BALLAST_FORGE_PROBE_FAIL", "1"));
        assertThat(failing.output()).contains("exit-status probe asked to fail");
        assertThat(failing.exitCode()).as("exit status of a failing forge test").isNotZero();
    }

    @Test
    void aPassingForgeTestExitsZero() throws Exception {
        Run passing = run(PROBE, Map.of("BALLAST_FORGE_PROBE_FAIL", "0"));
        assertThat(passing.output()).contains("1 passed; 0 failed");
        assertThat(passing.exitCode()).isZero();
    }

    @Test
    void forgeRefusingItsArgumentsFailsTheBuildStep() throws Exception {
        Run refused = run(List.of("bash", "scripts/contracts.sh", "build", "--no-such-forge-flag"), Map.of());
        assertThat(refused.output()).contains("--no-such-forge-flag");
        assertThat(refused.exitCode()).isNotZero();
    }

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // the CI profile's 5,000 fuzz runs are irrelevant to a one-test probe
        builder.environment().remove("FOUNDRY_PROFILE");
        builder.environment().remove("BALLAST_FORGE_TEST_ARGS");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/contracts.sh did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
