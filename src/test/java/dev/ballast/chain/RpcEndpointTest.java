package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RpcEndpointTest {
    @Test
    void redactsUserinfoQueryAndKeyLikePathSegments() {
        assertThat(RpcEndpoint.redact(URI.create("https://u:p@mainnet.infura.io/v3/0123456789abcdef0123456789abcdef?x=1")))
                .isEqualTo("https://mainnet.infura.io/v3/***?***");
        assertThat(RpcEndpoint.redact(URI.create("http://127.0.0.1:8545"))).isEqualTo("http://127.0.0.1:8545");
        assertThat(RpcEndpoint.redact(URI.create("https://rpc.example.org/eth/"))).isEqualTo("https://rpc.example.org/eth/");
    }

    @Test
    void scrubRemovesTheRawUrlFromLibraryMessages() {
        RpcEndpoint endpoint = RpcEndpoint.http("alchemy", "https://eth-mainnet.g.alchemy.com/v2/KEYKEYKEYKEYKEYKEYKEYKEY");
        assertThat(endpoint.scrub("failed to reach https://eth-mainnet.g.alchemy.com/v2/KEYKEYKEYKEYKEYKEYKEYKEY now"))
                .isEqualTo("failed to reach https://eth-mainnet.g.alchemy.com/v2/*** now");
    }

    @Test
    void rejectsWrongSchemesNamingTheEndpoint() {
        assertThatThrownBy(() -> RpcEndpoint.http("local", "ws://127.0.0.1:8545"))
                .hasMessageContaining("local").hasMessageContaining("http");
        assertThatThrownBy(() -> RpcEndpoint.withWs("local", "http://127.0.0.1:8545", "http://127.0.0.1:8545"))
                .hasMessageContaining("ws");
    }
}
