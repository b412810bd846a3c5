package dev.ballast.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/** Issue 18 §1: reverts in the units a person reads, from the parameter names the build writes beside the selectors. */
class RevertTextTest {
    private static final String WETH = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final RevertText.Tokens BOOK = address -> address.equalsIgnoreCase(WETH)
            ? Optional.of(new RevertText.Token("WETH", 18)) : Optional.empty();
    private final RevertDecoder decoder = RevertDecoder.forBallast();

    @Test
    void sourcesDisagreeNamesTheAssetAndShowsPricesAsDecimals() {
        String data = encode("SourcesDisagree", new Address(WETH), new Uint256(new BigInteger("2999500000000000000000")),
                new Uint256(new BigInteger("3105250000000000000000")), new Uint256(E18.divide(BigInteger.valueOf(50))));
        assertThat(RevertText.describe(decoder.decode(data), BOOK))
                .isEqualTo("SourcesDisagree(asset=WETH, min=2999.5, max=3105.25, maxDeviation=2%)");
    }

    @Test
    void aSwapFeeOutOfRangeShowsTheFeeAndItsBoundsInPercent() {
        String data = encode("SwapFeeOutOfRange", new Uint256(E18.divide(BigInteger.TWO)), new Uint256(BigInteger.TEN.pow(12)),
                new Uint256(BigInteger.TEN.pow(17)));
        assertThat(RevertText.describe(decoder.decode(data), RevertText.Tokens.NONE))
                .isEqualTo("SwapFeeOutOfRange(fee=50%, min=0.0001%, max=10%)");
    }

    @Test
    void tokenAmountsAreInTheTokensUnitsAndAnAccountIsAChecksummedAddress() {
        String amounts = encode("InsufficientBalance", new Address(WETH), new Uint256(new BigInteger("1500000000000000000")),
                new Uint256(E18));
        assertThat(RevertText.describe(decoder.decode(amounts), BOOK))
                .isEqualTo("InsufficientBalance(token=WETH, amount=1.5 WETH, balance=1 WETH)");
        String caller = encode("NotGuardian", new Address("0x00000000000000000000000000000000000000aa"));
        assertThat(RevertText.describe(decoder.decode(caller), BOOK))
                .isEqualTo("NotGuardian(caller=" + org.web3j.crypto.Keys.toChecksumAddress("0x00000000000000000000000000000000000000aa") + ")");
    }

    @Test
    void anUnnamedOrUnknownRevertFallsBackToTheExactDecodedForm() {
        RevertDecoder.DecodedRevert unknown = decoder.decode("0xdeadbeef");
        assertThat(RevertText.describe(unknown, BOOK)).isEqualTo(unknown.toString());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, (List) List.of(args), List.of()));
    }
}
