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
}
