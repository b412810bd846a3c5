package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Approver;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.approval.SafeReader;
import dev.ballast.approval.SafeTx;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.tx.SentTx;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves a proposal: re-checks it at the current block (not expired, the policy still rebalances,",
                "prices within the guards, each leg's expected output not worse than proposed by more than",
                "approvals.tolerance) and sends it through the keeper's pipeline (simulated, journaled, replaced if stuck,",
                "followed to its receipt). For a Safe-held vault --sign adds an owner's signature first; the Safe's",
                "execTransaction is sent once the owners' signatures reach its threshold.",
                "With journal.url (several keepers) it sends under the vault's lease like a keeper: run it with the config",
                "(signer) of a keeper running on that journal, normally the vault's; other signers are refused.",
                "Exit codes: 0 executed (or, with --sign, the signature stored), 1 not executed (re-check refused, too few",
                "signatures, failed or not final yet: the message says which), 2 bad input (unknown or expired ID, not",
                "OPEN, a key that is not an owner, with journal.url a signer that is none of the running keepers)."})
final class ApproveCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @Parameters(paramLabel = "ID", description = "Proposal id (see `ballast proposals`).")
    long id;

    @Option(names = "--sign", description = "Safe vaults: sign the proposal's SafeTx as an owner (the config's signer, or"
            + " --owner-key-env) and store the signature in the journal.")
    boolean sign;

    @Option(names = "--owner-key-env", paramLabel = "NAME",
            description = "With --sign: the NAME of the environment variable holding the owner's private key.")
    String ownerKeyEnv;

    @Override
    public Integer call() throws Exception {
        KeeperConfig config = options.load();
        if (ownerKeyEnv != null && !sign) throw new UserInputException("--owner-key-env: only applies with --sign");
        KeeperRuntime.Settings all = options.settings(config, policy);
        Proposal p;
        VaultConfig vault;
        String who;
        Web3j web3j = Web3j.build(new HttpService(all.endpoints().getFirst().httpUrl().toString()));
        try (OperatorDesk desk = OperatorDesk.open(config)) {
            ApprovalJournal journal = desk.journal();
            who = desk.who();
            p = Operator.open(Operator.proposal(journal, config, id));
            vault = Operator.vaultOf(config, p);
            long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            Optional<String> expired = p.expiry(block, Clock.systemUTC().instant());
            if (expired.isPresent()) {
                journal.transition(p.id(), ProposalStatus.OPEN, ProposalStatus.EXPIRED, expired.get(), who, null);
                throw new UserInputException("ID: " + expired.get() + "; an expired proposal is never sent");
            }
            if (sign && !addSignature(journal, p, web3j, all)) return 0;
        } finally {
            web3j.shutdown();
        }
        return execute(p, vault, all, config, who);
    }

    /** Stores the owner's signature; returns whether the threshold is now met (then the proposal is executed). */
    private boolean addSignature(ApprovalJournal journal, Proposal p, Web3j web3j, KeeperRuntime.Settings s)
            throws Exception {
        Proposal.SafePart safe = p.safe().orElseThrow(() -> new UserInputException("--sign: proposal #" + p.id()
                + " is for vault " + p.vaultName() + ", which no Safe holds (no vaults[i].safe); approve it without --sign"));
        Credentials owner = ownerKeyEnv == null ? s.signer() : ownerKey(ownerKeyEnv);
        SafeReader reader = new SafeReader(web3j);
        if (!reader.isOwner(safe.address(), owner.getAddress())) {
            throw new UserInputException("--sign: " + owner.getAddress() + " is not an owner of Safe " + safe.address()
                    + " (owners: " + reader.owners(safe.address()) + "); signature refused");
        }
        SafeTx tx = new SafeTx(safe.address(), s.chainId(), p.vault(), p.calldata(), safe.nonce());
        if (!tx.hashHex().equalsIgnoreCase(safe.safeTxHash())) {
            throw new IllegalStateException("proposal #" + p.id() + ": its journaled SafeTx hash " + safe.safeTxHash()
                    + " is not the hash of its own fields (" + tx.hashHex() + "); refusing to sign");
        }
        journal.addSignature(p.id(), owner.getAddress(), tx.sign(owner));
        int signatures = journal.signatures(p.id()).size();
        BigInteger threshold = reader.threshold(safe.address());
        System.out.println("proposal #" + p.id() + ": signed SafeTx " + safe.safeTxHash() + " as owner " + owner.getAddress()
                + " (" + signatures + " of " + threshold + " signatures)");
        if (BigInteger.valueOf(signatures).compareTo(threshold) < 0) {
            System.out.println("not executed yet: another owner signs with `ballast approve " + p.id()
                    + " --sign --owner-key-env VAR`");
            return false;
        }
        return true;
    }

    private static Credentials ownerKey(String variable) {
        String key = KeeperOptions.environment.get(variable);
        if (key == null || key.isBlank()) {
            throw new UserInputException("--owner-key-env: environment variable " + variable + " is not set");
        }
        if (!key.strip().matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new UserInputException("--owner-key-env: " + variable + " does not hold a private key (64 hex digits)");
        }
        return Credentials.create(key.strip());
    }

    /**
     * Runs the keeper once for the proposal's vault with the approver as its gate, on the config's journal. With a
     * shared journal ({@code journal.url}) it sends only under the vault's lease, taken through the keeper's normal
     * lease path with this signer as the keeper id: the keeper that holds the lease (same signer) approves, any other
     * signer is refused while keepers are live, so a one-off approve never races the lease holder nor reshuffles the
     * vaults among the live keepers.
     */
    private int execute(Proposal p, VaultConfig vault, KeeperRuntime.Settings all, KeeperConfig config, String who)
            throws Exception {
        KeeperRuntime.Settings one = all.onlyVault(vault.address());
        AtomicReference<SentTx> sent = new AtomicReference<>();
        KeeperEvents events = new KeeperEvents() {
            @Override
            public void sent(ManagedVault v, SentTx tx) {
                sent.set(tx);
            }
        };
        Keeper.Outcome outcome;
        try (KeeperRuntime runtime = KeeperRuntime.create(one, events, false, (web3j, opened) -> new Approver(
                ApprovalJournal.on(opened), p.id(), config.approvals().tolerance(), web3j, all.chainId(),
                Clock.systemUTC(), who))) {
            LiveKeepers.requireSignerAmong(runtime, one, "ID", "approve", "approval");
            long now = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            outcome = runtime.keeper().tick(now).getFirst();
            System.out.println("proposal #" + p.id() + " (" + vault.name() + "): " + outcome.kind().name().toLowerCase()
                    + " — " + outcome.message());
            return settle(ApprovalJournal.on(runtime.journal()), p, outcome, sent.get(), who);
        }
    }

    private static int settle(ApprovalJournal journal, Proposal p, Keeper.Outcome outcome, SentTx sent, String who) {
        boolean claimed = journal.proposal(p.id()).map(x -> x.status() == ProposalStatus.SENT).orElse(false);
        if (claimed && sent == null) {
            // approved, but the keeper's simulation or send refused it: nothing went out, it may be approved again
            journal.transition(p.id(), ProposalStatus.SENT, ProposalStatus.OPEN, "send refused: " + outcome.message(),
                    who, null);
            return 1;
        }
        if (sent == null) return 1;
        boolean mined = outcome.kind() == Keeper.Outcome.Kind.REBALANCED;
        journal.transition(p.id(), ProposalStatus.SENT, mined ? ProposalStatus.EXECUTED : ProposalStatus.SENT,
                mined ? "mined: " + outcome.message() : "sent, not final: " + outcome.message(), who, sent.hash());
        return mined ? 0 : 1;
    }
}
