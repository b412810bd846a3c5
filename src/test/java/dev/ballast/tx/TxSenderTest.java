package dev.ballast.tx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TxSenderTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "already known|true",
        "Known transaction: 0xabc|true",
        "transaction already imported|true",
        "nonce too low|false",
        "replacement transaction underpriced|false",
        "''|false"})
    void aNodeThatAlreadyHoldsTheBytesCountsAsSent(String message, boolean known) {
        assertThat(TxSender.alreadyKnown(message)).isEqualTo(known);
    }
}
