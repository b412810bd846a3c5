package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.deploy.DevStack;
import java.math.BigDecimal;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Issue 18 §1 for the keeper commands: pause and unpause by an account without the guardian role are refused before
 * signing (NotGuardian named, nonce and balance unchanged, the vault untouched), and plan and status say whether the
 * signer holds each vault's keeper role.
 */
@ExtendWith(AnvilExtension.class)
class GuardianPreflightAnvilTest {
    static final String KEY_ENV = "BALLAST_TEST_SIGNER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;

    GuardianPreflightAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        // account 0 deploys the vault and is its guardian; account 1 is its keeper
        stack = CliTestVault.deploy(chain);
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    @Test
    void pauseByAnAccountWithoutTheGuardianRoleIsRefusedBeforeSending() throws Exception {
        Credentials stranger = signAs(4);
        BigInteger nonce = nonce(stranger.getAddress());
        BigInteger balance = balance(stranger.getAddress());
        CliRun r = CliRun.run("pause", "demo", "--yes", "-c", config().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("not sent")
                .contains("would revert: NotGuardian(caller=" + Keys.toChecksumAddress(stranger.getAddress()) + ")")
                .doesNotContain("custom error 0x");
        assertThat(nonce(stranger.getAddress())).as("nonce").isEqualTo(nonce);
        assertThat(balance(stranger.getAddress())).as("balance: no gas spent").isEqualTo(balance);
        assertThat(stack.vault().paused().send()).isFalse();
    }

    @Test
    void unpauseByAnAccountWithoutTheGuardianRoleIsRefusedBeforeSending() throws Exception {
        stack.vault().pause().send();
        Credentials stranger = signAs(4);
        BigInteger nonce = nonce(stranger.getAddress());
        BigInteger balance = balance(stranger.getAddress());
        CliRun r = CliRun.run("unpause", "demo", "--yes", "-c", config().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("NotGuardian(caller=" + Keys.toChecksumAddress(stranger.getAddress()) + ")");
        assertThat(nonce(stranger.getAddress())).isEqualTo(nonce);
        assertThat(balance(stranger.getAddress())).isEqualTo(balance);
        assertThat(stack.vault().paused().send()).isTrue();
    }

    @Test
    void rebalanceByAnUnfundedKeeperIsRefusedWithItsBalanceAndNeedBeforeSigning() throws Exception {
        // WETH +33% in the feed and, through the arbitrageur, in the pool: the 50/50 vault is out of its 5% band
        stack.setFeedPrice(1, new BigDecimal("4000"));
        dev.ballast.deploy.Arbitrageur arb = new dev.ballast.deploy.Arbitrageur(stack.pool(), chain.account(0).getAddress());
        for (int i = 0; i < 6 && !arb.trade(List.of(BigDecimal.ONE, new BigDecimal("4000"))).isEmpty(); i++) { /* to the feed */ }
        chain.rpc().increaseTime(DevStack.TWAP_WINDOW + 60);
        chain.rpc().mine(1);
        Credentials keeper = signAs(1);
        chain.rpc().setBalance(keeper.getAddress(), BigInteger.ZERO);
        BigInteger nonce = nonce(keeper.getAddress());
        CliRun r = CliRun.run("rebalance", "demo", "--yes", "-c", config().toString());
        assertThat(r.out()).as(r.err()).contains("planned");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).containsPattern("not sent: signer " + Keys.toChecksumAddress(keeper.getAddress())
                + " has 0 ETH, needs ≈ 0\\.\\d+ ETH").doesNotContain("-32003").doesNotContain("nsufficient funds");
        assertThat(nonce(keeper.getAddress())).as("nothing signed").isEqualTo(nonce);
    }

    @Test
    void planAndStatusSayWhetherTheSignerHoldsTheKeeperRole() throws Exception {
        signAs(1);
        String keeper = Keys.toChecksumAddress(chain.account(1).getAddress());
        for (String command : List.of("plan", "status")) {
            CliRun r = CliRun.run(command, "-c", config().toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as(command).contains("signer " + keeper + " holds the keeper role")
                    .doesNotContain("does NOT hold");
        }
        signAs(0);
        String guardian = Keys.toChecksumAddress(chain.account(0).getAddress());
        for (String command : List.of("plan", "status")) {
            CliRun r = CliRun.run(command, "-c", config().toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as(command).contains("signer " + guardian + " does NOT hold the keeper role on this vault")
                    .contains("NotKeeper");
        }
    }

    private Credentials signAs(int account) {
        Credentials c = chain.account(account);
        KeeperOptions.environment = Map.of(KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64));
        return c;
    }

    private BigInteger nonce(String address) throws Exception {
        return chain.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private BigInteger balance(String address) throws Exception {
        return chain.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private Path config() throws Exception {
        return KeeperConfigFile.write(dir.resolve("keeper.yaml"), 31337, chain.rpcUrl(), KEY_ENV,
                stack.vault().getContractAddress(), dir.resolve("journal.db"), "");
    }
}
