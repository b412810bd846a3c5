package dev.ballast.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class RevertDecoderTest {
    private static final String SIG = "StalePrice(address,uint256,uint256)";
    private static final String SELECTOR = Hash.sha3String(SIG).substring(0, 10);

    private final RevertDecoder decoder = new RevertDecoder(Map.of(SELECTOR, SIG, "0x12345678", "Nothing()"));

    @Test
    void namesACustomErrorWithItsArguments() {
        String data = FunctionEncoder.encode(new Function("StalePrice",
                List.of(new Address("0x00000000000000000000000000000000000000aa"), new Uint256(7), new Uint256(3600)),
                List.of()));
        RevertDecoder.DecodedRevert revert = decoder.decode(data);
        assertThat(revert.name()).isEqualTo("StalePrice");
        assertThat(revert.args()).containsExactly(
                "0x00000000000000000000000000000000000000aa", BigInteger.valueOf(7), BigInteger.valueOf(3600));
        assertThat(revert.toString()).isEqualTo("StalePrice(0x00000000000000000000000000000000000000aa, 7, 3600)");
    }

    @Test
    void namesABareSelector() {
        assertThat(decoder.nameOf(SELECTOR)).isEqualTo("StalePrice");
        assertThat(decoder.nameOf(SELECTOR.toUpperCase().replace("0X", "0x"))).isEqualTo("StalePrice");
        assertThat(decoder.nameOf("0xdeadbeef")).isEqualTo("unknown error 0xdeadbeef");
        assertThat(RevertDecoder.forBallast().nameOf("0x7b2d2724")).as("from the build's error table").isEqualTo("QuorumNotMet");
    }

    @Test
    void readsTheNodesRevertReasonMessage() {
        String data = FunctionEncoder.encode(new Function("StalePrice",
                List.of(new Address("0x00000000000000000000000000000000000000aa"), new Uint256(7), new Uint256(3600)),
                List.of()));
        String message = "execution reverted: custom error " + data.substring(0, 10) + ": " + data.substring(10);
        assertThat(decoder.decode(message).toString())
                .isEqualTo("StalePrice(0x00000000000000000000000000000000000000aa, 7, 3600)");
    }

    @Test
    void decodesErrorWithNoArguments() {
        assertThat(decoder.decode("0x12345678").toString()).isEqualTo("Nothing()");
    }

    @Test
    void decodesRequireMessagesAndPanics() {
        String error = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("too late")), List.of()));
        assertThat(decoder.decode(error).toString()).isEqualTo("Error(too late)");
        String panic = FunctionEncoder.encode(new Function("Panic", List.of(new Uint256(0x11)), List.of()));
        assertThat(decoder.decode(panic).toString()).isEqualTo("Panic(17)");
    }

    @Test
    void keepsUnknownDataAsHex() {
        RevertDecoder.DecodedRevert revert = decoder.decode("0xdeadbeef00");
        assertThat(revert.name()).isEqualTo("unknown error 0xdeadbeef");
        assertThat(revert.raw()).isEqualTo("0xdeadbeef00");
        assertThat(decoder.decode(null).name()).isEqualTo("(no revert data)");
    }

    @Test
    void theBuildTableNamesBallastsErrors() {
        Map<String, String> table = RevertDecoder.forBallast().signatures();
        assertThat(table).as("errors.tsv generated from the contracts").isNotEmpty();
        assertThat(table.get(Hash.sha3String("ERC20InsufficientBalance(address,uint256,uint256)").substring(0, 10)))
                .isEqualTo("ERC20InsufficientBalance(address,uint256,uint256)");
    }
}
