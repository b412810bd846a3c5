package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many lens calls a read plans: from the gas per vault and the per-call gas cap, not a fixed number. No node:
 * planning sends nothing (the endpoint below is never contacted).
 */
class VaultReaderPlanTest {
    private static VaultReader reader(VaultReaderOptions options) {
        return new VaultReader(new FailoverRpc(List.of(RpcEndpoint.http("unused", "http://127.0.0.1:9")),
                FailoverPolicy.defaults()), options);
    }

    @Test
    void aThousandFourAssetVaultsGetTheTwelveCallsTheirGasNeedsByDefault() {
        // ~300k gas per four-asset vault with venue prices (measured: bench metrics --vaults 1000), 25.5M usable a call
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(1000, 0)).isEqualTo(12);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(5000, 0)).isEqualTo(59);
    }

    @Test
    void aNodeWithAHigherEthCallCapNeedsFewerCalls() {
        assertThat(reader(VaultReaderOptions.forNode(50_000_000, 64)).plannedChunks(1000, 0)).isEqualTo(8);
        assertThat(reader(VaultReaderOptions.forNode(10_000_000, 64)).plannedChunks(1000, 0)).isEqualTo(36);
    }

    @Test
    void smallFleetsStillTakeOneCall() {
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(1, 1)).isEqualTo(1);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(0, 0)).isEqualTo(1);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(81, 5)).isEqualTo(2);
    }

    @Test
    void theCeilingCapsTheGasPlan() {
        assertThat(reader(VaultReaderOptions.forNode(30_000_000, 8)).plannedChunks(1000, 0)).isEqualTo(8);
    }

    @Test
    void creationCodeSizeAboveTheCeilingIsRefusedNamingTheKey() {
        // each vault adds two ABI words of arguments: 10,000 vaults need ~640 KB, over a handful of 48 KB initcodes
        assertThatThrownBy(() -> reader(VaultReaderOptions.forNode(1_000_000_000, 4)).plannedChunks(10_000, 0))
                .isInstanceOf(ReadBudgetExceededException.class)
                .hasMessageContaining("rpc.maxReadCallsPerBlock is 4");
    }
}
