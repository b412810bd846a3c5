package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnvilExtension.class)
class FailoverRpcAnvilTest {
    @Test
    void failsOverFromADeadNodeToAnvil(AnvilChain chain) throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        chain.rpc().mine(5);
        try (FailoverRpc rpc = new FailoverRpc(
                List.of(RpcEndpoint.http("dead", "http://127.0.0.1:" + deadPort), RpcEndpoint.http("anvil", chain.rpcUrl())),
                FailoverPolicy.defaults())) {
            BigInteger chainId = rpc.send("eth_chainId", w -> w.ethChainId()).getChainId();
            long height = rpc.refreshHeights();

            assertThat(chainId).isEqualTo(BigInteger.valueOf(31337));
            assertThat(height).isEqualTo(chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact());
            assertThat(rpc.status().get(0).lastError()).contains("ConnectException");
            assertThat(rpc.status().get(1).height()).isEqualTo(height);
        }
    }

    @Test
    void plainWeb3jCallsAndBroadcastsFailOverToo(AnvilChain chain) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (FailoverRpc rpc = new FailoverRpc(
                List.of(RpcEndpoint.http("dead", "http://127.0.0.1:" + deadPort), RpcEndpoint.http("anvil", chain.rpcUrl())),
                FailoverPolicy.defaults())) {
            org.web3j.protocol.Web3j web3j = rpc.web3j();
            org.web3j.crypto.Credentials from = chain.account(3);
            BigInteger nonce = web3j.ethGetTransactionCount(from.getAddress(),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount();
            org.web3j.crypto.RawTransaction transfer = org.web3j.crypto.RawTransaction.createTransaction(31337, nonce,
                    BigInteger.valueOf(21_000), chain.account(4).getAddress(), BigInteger.ONE, "",
                    BigInteger.ONE, BigInteger.valueOf(100_000_000_000L));
            String raw = org.web3j.utils.Numeric.toHexString(
                    org.web3j.crypto.TransactionEncoder.signMessage(transfer, 31337, from));

            var sent = web3j.ethSendRawTransaction(raw).send();
            var again = web3j.ethSendRawTransaction(raw).send();
            var chainIdRequest = web3j.ethChainId();
            var blockRequest = web3j.ethBlockNumber();
            var batch = web3j.newBatch().add(chainIdRequest).add(blockRequest).send();

            assertThat(sent.hasError()).as("broadcast through failover: %s", sent.getError() == null ? "" : sent.getError().getMessage()).isFalse();
            // Anvil answers eth_sendRawTransaction before its automine has stored the receipt
            java.util.Optional<?> receipt = java.util.Optional.empty();
            for (long until = System.nanoTime() + 5_000_000_000L; receipt.isEmpty() && System.nanoTime() < until; Thread.sleep(20)) {
                receipt = web3j.ethGetTransactionReceipt(sent.getTransactionHash()).send().getTransactionReceipt();
            }
            assertThat(receipt).as("receipt of the transfer broadcast through failover").isPresent();
            // a node's JSON-RPC answer (here: this nonce is used) is returned as the answer, not failed over
            assertThat(again.hasError()).isTrue();
            assertThat(rpc.status().get(1).consecutiveFailures()).isZero();
            assertThat(batch.getResponses()).hasSize(2);
            assertThat(batch.getResponses()).as("answers keep the ids their requests were sent with")
                    .extracting(org.web3j.protocol.core.Response::getId)
                    .containsExactlyInAnyOrder(chainIdRequest.getId(), blockRequest.getId());
            assertThat(rpc.status().get(0).lastError()).contains("ConnectException");
        }
    }

    @Test
    void whenEveryNodeIsDownPlainWeb3jGetsAnIOExceptionNamingEachNode() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("dead", "http://127.0.0.1:" + deadPort)),
                FailoverPolicy.defaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rpc.web3j().ethChainId().send())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no RPC endpoint could answer eth_chainId")
                    .hasMessageContaining("dead");
        }
    }
}
