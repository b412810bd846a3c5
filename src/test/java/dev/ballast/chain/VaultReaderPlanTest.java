package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
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
        // ~300k gas per four-asset vault with venue prices (measured: bench metrics --vaults 1000), ~25.3M usable a call
        // (85% of what the call's ~225k overhead leaves): 84 vaults a call
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(1000, 0)).isEqualTo(12);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(5000, 0)).isEqualTo(60);
    }

    @Test
    void aNodeWithAHigherEthCallCapNeedsFewerCalls() {
        assertThat(reader(VaultReaderOptions.forNode(50_000_000, 64)).plannedChunks(1000, 0)).isEqualTo(8);
        assertThat(reader(VaultReaderOptions.forNode(10_000_000, 64)).plannedChunks(1000, 0)).isEqualTo(38);
    }

    @Test
    void smallFleetsStillTakeOneCall() {
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(1, 1)).isEqualTo(1);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(0, 0)).isEqualTo(1);
        assertThat(reader(VaultReaderOptions.defaults()).plannedChunks(81, 5)).isEqualTo(2);
    }

    /**
     * Measured on LargeFleetReadTest's fleet (72 vaults and a pool, 2M cap): 162,328 lens gas per item. Planned from that
     * figure alone it was 7 calls of 11 items, ~1.79M each plus the ~225k every call pays before the lens runs: out of
     * gas, and the block read again in 14 calls. The plan also counts whole items per call, so the largest slice fits,
     * not only the average one.
     */
    @Test
    void everyPlannedCallHoldsItsOverheadBesideItsLargestSlice() {
        VaultReader measured = reader(new VaultReaderOptions(2_000_000, 0.85, 64, 49_152, 162_328));
        assertThat(measured.callOverheadGas()).as("53k intrinsic + ~10 KB of lens code as calldata").isBetween(150_000L, 400_000L);
        // 9 whole items a call fit 85% of what the overhead leaves of 2M: 73 items take 9 calls (7 ran out of gas)
        assertThat(measured.plannedChunks(72, 1)).isEqualTo(9);
        for (long perItem : new long[] {20_000, 162_328, 300_000, 700_000}) {
            VaultReader r = reader(new VaultReaderOptions(2_000_000, 0.85, 1_000, 49_152, perItem)); // no ceiling in reach
            for (int items = 1; items <= 300; items++) {
                int calls = r.plannedChunks(items, 0);
                long largest = VaultReader.split(Collections.nCopies(items, 0), calls).stream()
                        .mapToLong(List::size).max().orElseThrow();
                assertThat(r.callOverheadGas() + largest * (perItem + 2 * (32 * 16 + 2)))
                        .as("%d items at %d gas in %d calls", items, perItem, calls).isLessThanOrEqualTo(2_000_000);
            }
        }
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
