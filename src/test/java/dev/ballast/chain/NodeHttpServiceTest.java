package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NodeHttpServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode error(int code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    @Test
    void theRefusalsOfGethErigonAndProvidersAreSizeRefusals() {
        assertThat(NodeHttpService.isSizeRefusal(error(-32600, "batch too large"), true)).isTrue();
        assertThat(NodeHttpService.isSizeRefusal(error(-32000, "batch limit 100 exceeded: 142 requests given"), true)).isTrue();
        assertThat(NodeHttpService.isSizeRefusal(error(-32003, "response too large"), true)).isTrue();
        assertThat(NodeHttpService.isSizeRefusal(error(-32005, "Batch size is too large"), false)).isTrue();
    }

    @Test
    void gethsBatchTimeoutSplitsABatchButIsACallsOwnErrorAlone() {
        assertThat(NodeHttpService.isSizeRefusal(error(-32002, "request timed out"), true)).isTrue();
        assertThat(NodeHttpService.isSizeRefusal(error(-32002, "request timed out"), false)).isFalse();
    }

    @Test
    void aRevertOrAnotherErrorIsTheCallsOwnAnswer() {
        assertThat(NodeHttpService.isSizeRefusal(error(3, "execution reverted: batch size exceeded"), true)).isFalse();
        assertThat(NodeHttpService.isSizeRefusal(error(-32000, "execution reverted: batch limit"), true)).isFalse();
        assertThat(NodeHttpService.isSizeRefusal(error(-32602, "BlockOutOfRangeError: block height is 52"), true)).isFalse();
        assertThat(NodeHttpService.isSizeRefusal(error(-32005, "rate limit exceeded"), true)).isFalse();
    }
}
