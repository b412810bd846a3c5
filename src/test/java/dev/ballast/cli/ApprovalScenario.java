package dev.ballast.cli;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.ProposalDesk;
import dev.ballast.config.KeeperConfig;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevStack;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.crypto.Keys;

/** The approval tests' set-up: the CLI vault out of its band, a config with {@code mode: propose}, one keeper block. */
final class ApprovalScenario {
    private final AnvilChain chain;
    private final DevStack stack;
    final Path config;

    ApprovalScenario(AnvilChain chain, DevStack stack, Path dir, String keyEnv, String vaultExtra, String extraYaml)
            throws Exception {
        this(chain, stack, dir, keyEnv, vaultExtra, extraYaml, "");
    }

    /** @param journalYaml more keys of the journal section (e.g. {@code url:} for a shared PostgreSQL journal) */
    ApprovalScenario(AnvilChain chain, DevStack stack, Path dir, String keyEnv, String vaultExtra, String extraYaml,
            String journalYaml) throws Exception {
        this.chain = chain;
        this.stack = stack;
        this.config = dir.resolve("keeper-propose.yaml");
        Files.writeString(config, """
                chainId: 31337
                rpc:
                  endpoints:
                    - http: %s
                signer:
                  privateKeyEnv: %s
                policy:
                  band: 0.05
                vaults:
                  - address: "%s"
                    name: demo
                    mode: propose
                %s
                journal:
                  path: %s
                %s
                confirmations: 0
                """.formatted(chain.rpcUrl(), keyEnv, Keys.toChecksumAddress(stack.vault().getContractAddress()),
                vaultExtra.indent(4).stripTrailing(), dir.resolve("journal.db"), journalYaml.indent(2).stripTrailing())
                + extraYaml);
    }

    /** WETH +33% in the feed and, through the arbitrageur, in the pool; a TWAP window later the vault is due. */
    void shockWeth() throws Exception {
        stack.setFeedPrice(1, new BigDecimal("4000"));
        Arbitrageur arb = new Arbitrageur(stack.pool(), chain.account(0).getAddress());
        for (int i = 0; i < 6 && !arb.trade(List.of(BigDecimal.ONE, new BigDecimal("4000"))).isEmpty(); i++) { /* to the feed */ }
        chain.rpc().increaseTime(DevStack.TWAP_WINDOW + 60);
        chain.rpc().mine(1);
    }

    /** One block of the keeper exactly as `ballast run` assembles it (holds, proposal desk). */
    Keeper.Outcome keeperBlock() throws Exception {
        try (KeeperRuntime runtime = keeper()) {
            long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
            return runtime.keeper().tick(block).getFirst();
        }
    }

    /** The keeper exactly as `ballast run` assembles it, not started. */
    KeeperRuntime keeper() throws Exception {
        KeeperOptions options = new KeeperOptions();
        options.config = config;
        KeeperConfig c = options.load();
        KeeperRuntime.Settings s = options.settings(c, new PolicyOptions());
        return KeeperRuntime.create(s, KeeperEvents.NONE, false, (web3j, journal) -> new ProposalDesk(
                ApprovalJournal.on(journal), Operator.approvals(c), c.approvals(), web3j, s.signer(), s.chainId(),
                java.time.Clock.systemUTC()));
    }

    ApprovalJournal journal() {
        KeeperOptions options = new KeeperOptions();
        options.config = config;
        return ApprovalJournal.open(options.load().journalTarget(), java.time.Clock.systemUTC());
    }

    int rebalancedEvents() throws Exception {
        var filter = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, stack.vault().getContractAddress());
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(dev.ballast.contracts.RebalancingVault.REBALANCED_EVENT));
        return chain.web3j().ethGetLogs(filter).send().getLogs().size();
    }

    BigInteger nonce(String account) throws Exception {
        return chain.web3j().ethGetTransactionCount(account, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                .send().getTransactionCount();
    }
}
