package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.approval.SafeFixture;
import dev.ballast.approval.SafeTx;
import dev.ballast.deploy.DevStack;
import dev.ballast.keeper.Keeper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Issue 19 §2 with the keeper role held by a real Safe v1.4.1 (2-of-3, owners accounts 1-3, account 1 also the keeper's
 * signer): the keeper proposes and signs as one owner, a second owner's `approve --sign` reaches the threshold and the
 * Safe's execTransaction rebalances the vault.
 */
@ExtendWith(AnvilExtension.class)
class SafeApprovalAnvilTest {
    static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private SafeFixture safe;
    private String keeper;

    SafeApprovalAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = CliTestVault.deploy(chain);
        keeper = chain.account(1).getAddress();
        safe = SafeFixture.deploy(chain.web3j(), chain.txManager(0), List.of(keeper, chain.account(2).getAddress(),
                chain.account(3).getAddress()), 2);
        stack.addKeeper(chain.rpc(), safe.safe());
        stack.vault().setKeeper(keeper, false).send(); // only the Safe may rebalance: a direct send would revert
        KeeperOptions.environment = Map.of(KEY_ENV, key(chain.account(1)), "OWNER2_KEY", key(chain.account(2)),
                "STRANGER_KEY", key(chain.account(5)));
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    private static String key(Credentials c) {
        return Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64);
    }

    private ApprovalScenario scenario(String approvals) throws Exception {
        return new ApprovalScenario(chain, stack, dir, KEY_ENV, "safe:\n  address: \"" + safe.safe()
                + "\"\n  signAsOwner: true\n", approvals);
    }

    @Test
    void oneSignatureIsNotEnoughAndASecondOwnersSignatureExecutesTheRebalance() throws Exception {
        ApprovalScenario s = scenario("");
        s.shockWeth();
        Keeper.Outcome proposed = s.keeperBlock();
        assertThat(proposed.kind()).as(proposed.message()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        assertThat(proposed.message()).contains("signed by owner " + keeper);
        Proposal p;
        try (ApprovalJournal aj = s.journal()) {
            p = aj.proposal(1).orElseThrow();
            assertThat(aj.signatures(1)).containsOnlyKeys(keeper.toLowerCase());
        }
        // the EIP-712 hash computed here is the one the Safe itself computes
        SafeTx tx = new SafeTx(safe.safe(), 31337, stack.vault().getContractAddress(), p.calldata(), BigInteger.ZERO);
        assertThat(p.safe().orElseThrow().safeTxHash()).isEqualTo(tx.hashHex())
                .isEqualTo(safe.transactionHash(chain.web3j(), stack.vault().getContractAddress(), p.calldata(), BigInteger.ZERO));

        BigInteger nonce = s.nonce(keeper);
        CliRun one = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(one.exit()).as(one.out() + one.err()).isEqualTo(1);
        assertThat(one.out()).contains("has 1 of the 2 owner signatures").contains("not executed");
        assertThat(s.nonce(keeper)).as("one signature: nothing sent").isEqualTo(nonce);
        assertThat(s.rebalancedEvents()).isZero();

        CliRun stranger = CliRun.run("approve", "1", "--sign", "--owner-key-env", "STRANGER_KEY", "-c", s.config.toString());
        assertThat(stranger.exit()).isEqualTo(2);
        assertThat(stranger.err()).contains("--sign: " + chain.account(5).getAddress() + " is not an owner of Safe "
                + safe.safe()).contains("signature refused");
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.signatures(1)).hasSize(1);
        }
        assertThat(s.rebalancedEvents()).isZero();

        CliRun second = CliRun.run("approve", "1", "--sign", "--owner-key-env", "OWNER2_KEY", "-c", s.config.toString());
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("2 of 2 signatures").contains("rebalanced");
        assertThat(s.rebalancedEvents()).isEqualTo(1);
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).isEqualTo(ProposalStatus.EXECUTED);
            assertThat(aj.signatures(1)).containsOnlyKeys(keeper.toLowerCase(), chain.account(2).getAddress().toLowerCase());
        }
        assertThat(new dev.ballast.approval.SafeReader(chain.web3j()).nonce(safe.safe())).isEqualTo(BigInteger.ONE);
    }

    @Test
    void anExpiredSafeProposalIsNotExecutedEvenWithEnoughSignatures() throws Exception {
        ApprovalScenario s = scenario("approvals:\n  expiryBlocks: 2\n");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        chain.rpc().mine(3);
        CliRun second = CliRun.run("approve", "1", "--sign", "--owner-key-env", "OWNER2_KEY", "-c", s.config.toString());
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(2);
        assertThat(second.err()).contains("expired at block").contains("never sent");
        assertThat(s.rebalancedEvents()).isZero();
        assertThat(new dev.ballast.approval.SafeReader(chain.web3j()).nonce(safe.safe())).isZero();
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).isEqualTo(ProposalStatus.EXPIRED);
            assertThat(aj.signatures(1)).as("no signature added to an expired proposal").hasSize(1);
        }
    }

    @Test
    void aSignatureOverTheSafeTxRecoversItsOwnerAndExecTransactionSortsSignaturesByOwner() {
        SafeTx tx = new SafeTx(safe.safe(), 31337, stack.vault().getContractAddress(), "0x1234", BigInteger.TEN);
        Credentials a = chain.account(2);
        Credentials b = chain.account(3);
        String sa = tx.sign(a);
        String sb = tx.sign(b);
        assertThat(tx.signer(sa)).isEqualTo(Keys.toChecksumAddress(a.getAddress()));
        String data = tx.execTransaction(Map.of(a.getAddress(), sa, b.getAddress(), sb));
        boolean aFirst = Numeric.toBigInt(a.getAddress()).compareTo(Numeric.toBigInt(b.getAddress())) < 0;
        String joined = Numeric.cleanHexPrefix(aFirst ? sa : sb) + Numeric.cleanHexPrefix(aFirst ? sb : sa);
        assertThat(data).contains(joined);
    }
}
