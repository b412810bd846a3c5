package dev.ballast.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Talks JSON-RPC to a local server that answers like a node does. */
class FeeHistorySourceTest {
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private Web3j web3j;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        web3j = Web3j.build(new HttpService("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        web3j.shutdown();
        server.stop(0);
    }

    @Test
    void parsesNodeAnswerAndSplitsOffNextBaseFee() {
        answer.set("""
                {"jsonrpc":"2.0","id":1,"result":{"oldestBlock":"0x10",
                 "baseFeePerGas":["0x3b9aca00","0x4a817c800","0x77359400"],
                 "gasUsedRatio":[0.5,0.0],
                 "reward":[["0x77359400"],["0x0"]]}}""");
        FeeHistory h = new FeeHistorySource(web3j).fetch(GasFixtures.policy());

        assertThat(h.baseFees()).containsExactly(BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(20_000_000_000L));
        assertThat(h.nextBaseFee()).isEqualTo(BigInteger.valueOf(2_000_000_000L));
        assertThat(h.rewards()).containsExactly(BigInteger.valueOf(2_000_000_000L), BigInteger.ZERO);
        assertThat(h.gasUsedRatios()).containsExactly(0.5, 0.0);
        assertThat(lastRequest.get()).contains("\"eth_feeHistory\"").contains("\"latest\"").contains("50.0");
    }

    @Test
    void missingRewardIsTreatedAsEmptyBlocks() {
        answer.set("""
                {"jsonrpc":"2.0","id":1,"result":{"oldestBlock":"0x10",
                 "baseFeePerGas":["0x1","0x2"],"gasUsedRatio":[0.9]}}""");
        FeeHistory h = new FeeHistorySource(web3j).fetch(GasFixtures.policy());
        assertThat(h.gasUsedRatios()).containsExactly(0.0);
        assertThat(h.nextBaseFee()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void rpcErrorBecomesTypedFailure() {
        answer.set("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"method not found\"}}");
        assertThatThrownBy(() -> new FeeHistorySource(web3j).fetch(GasFixtures.policy()))
                .isInstanceOf(FeeHistoryUnavailableException.class)
                .hasMessageContaining("-32601").hasMessageContaining("method not found");
    }

    @Test
    void malformedResultBecomesTypedFailure() {
        answer.set("""
                {"jsonrpc":"2.0","id":1,"result":{"oldestBlock":"0x10",
                 "baseFeePerGas":["0x1"],"gasUsedRatio":[0.9,0.1]}}""");
        assertThatThrownBy(() -> new FeeHistorySource(web3j).fetch(GasFixtures.policy()))
                .isInstanceOf(FeeHistoryUnavailableException.class).hasMessageContaining("malformed");
    }

    @Test
    void unreachableNodeBecomesTypedFailure() {
        server.stop(0);
        assertThatThrownBy(() -> new FeeHistorySource(web3j).fetch(GasFixtures.policy()))
                .isInstanceOf(FeeHistoryUnavailableException.class).hasMessageContaining("request failed");
    }

    @Test
    void estimatorWorksOnFetchedHistory() {
        answer.set("""
                {"jsonrpc":"2.0","id":1,"result":{"oldestBlock":"0x10",
                 "baseFeePerGas":["0x3b9aca00","0x3b9aca00"],"gasUsedRatio":[0.5],"reward":[["0x77359400"]]}}""");
        FeeDecision d = FeeEstimator.estimate(new FeeHistorySource(web3j).fetch(GasFixtures.policy()),
                GasFixtures.policy());
        assertThat(d).isEqualTo(new FeeQuote(BigInteger.valueOf(4_000_000_000L), BigInteger.valueOf(2_000_000_000L)));
        assertThat(List.of(d)).hasSize(1);
    }
}
