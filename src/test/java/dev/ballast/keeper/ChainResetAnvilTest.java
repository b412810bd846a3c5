package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The node under a running keeper is restarted on the same port: first empty (block 0, another genesis, no vault
 * code), then with the state it had. The keeper must say so loudly, act on nothing meanwhile, and resume by itself.
 */
class ChainResetAnvilTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyRestartIsRefusedLoudlyAndTheKeeperResumesWhenTheStateIsBack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path state = dir.resolve("anvil-state.json");
        AnvilOptions withState = new AnvilOptions(port, 31337, 0, null, List.of("--dump-state", state.toString()));
        AnvilProcess first = AnvilProcess.start(withState);
        AnvilProcess empty = null;
        AnvilProcess restored = null;
        HttpService service = new HttpService(first.rpcUrl());
        Web3j web3j = Web3j.build(service);
        AnvilRpc rpc = new AnvilRpc(service);
        KeeperFixture.Outcomes outcomes = new KeeperFixture.Outcomes();
        try (KeeperFixture.KeeperLog log = new KeeperFixture.KeeperLog()) {
            KeeperFixture f = KeeperFixture.deploy(web3j, rpc, first.rpcUrl());
            try (KeeperRuntime runtime = KeeperRuntime.create(f.settings(dir.resolve("journal.db")), outcomes)) {
                runtime.start();
                rpc.mine(1);
                long followed = f.blockNumber();
                KeeperFixture.await("a decision at the head", Duration.ofSeconds(20), () -> outcomes.any(o -> o.block() == followed));
                long decisionsBefore = runtime.journal().decisionCount();

                stopWritingState(first);
                empty = AnvilProcess.start(new AnvilOptions(port, 31337, 0, null, List.of()));
                rpc.mine(3);
                KeeperFixture.await("a loud refusal", Duration.ofSeconds(30), () -> runtime.refusal().isPresent()
                        && !log.at(Level.ERROR).isEmpty());
                int seenBeforeReset = outcomes.seen.size();
                Thread.sleep(1_500); // several polls of the empty chain
                rpc.mine(2);
                Thread.sleep(1_000);

                String error = log.at(Level.ERROR).getFirst();
                assertThat(error).as("what was expected and what is seen").contains("genesis block is")
                        .contains("expected").contains("#" + followed).contains("refusing");
                assertThat(outcomes.seen).as("nothing decided on the empty chain").hasSize(seenBeforeReset);
                assertThat(runtime.journal().decisionCount()).as("nothing journaled").isEqualTo(decisionsBefore);

                empty.close();
                empty = null;
                restored = AnvilProcess.start(new AnvilOptions(port, 31337, 0, null, List.of("--load-state",
                        state.toString())));
                assertThat(f.blockNumber()).as("the restored chain's height").isEqualTo(followed);
                rpc.mine(1);
                KeeperFixture.await("the keeper resumes", Duration.ofSeconds(30), () -> outcomes.any(o -> o.block() > followed));
                assertThat(runtime.refusal()).isEmpty();
                assertThat(log.at(Level.WARN)).anyMatch(line -> line.startsWith("chain is back"));
                runtime.stop(Duration.ofSeconds(5));
            }
        } finally {
            web3j.shutdown();
            first.close();
            if (empty != null) empty.close();
            if (restored != null) restored.close();
        }
    }

    /** SIGTERM to Anvil itself, and waits until it has written its state (closing the guard would SIGKILL it). */
    private static void stopWritingState(AnvilProcess anvil) throws Exception {
        for (ProcessHandle h : ProcessHandle.of(anvil.pid()).orElseThrow().descendants().toList()) {
            if (h.info().command().orElse("").endsWith("anvil")) {
                h.destroy();
                h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        anvil.close();
    }
}
