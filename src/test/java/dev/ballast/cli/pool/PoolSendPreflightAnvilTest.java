package dev.ballast.cli.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.cli.CliRun;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Issue 18 §1: a pool command whose transaction would revert, or whose signer cannot pay the gas, is refused before
 * anything is signed: the signer's nonce and ETH balance are unchanged and the message names the cause in human units.
 */
@ExtendWith(AnvilExtension.class)
class PoolSendPreflightAnvilTest {
    private final AnvilChain chain;
    private DevPool dev;

    PoolSendPreflightAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), chain.account(0).getAddress(),
                PoolCliAnvilTest.TOKENS, PoolCliAnvilTest.FEE, 10);
    }

    @AfterEach
    void resetTerminal() {
        Terminal.reset();
    }

    @Test
    void aSwapFeeOutOfRangeIsRefusedWithTheBoundsInPercentAndNothingIsSent() throws Exception {
        Credentials signer = chain.account(3);
        Account before = Account.of(chain, signer.getAddress());
        CliRun r = create(signer, "50");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("not sent").contains("would revert: SwapFeeOutOfRange(fee=50%, min=0.0001%, max=10%)")
                .doesNotContain("custom error 0x");
        assertThat(Account.of(chain, signer.getAddress())).as("nonce and balance").isEqualTo(before);
    }

    @Test
    void anUnfundedSignerIsToldItsBalanceAndWhatTheTransactionNeeds() throws Exception {
        Credentials unfunded = Credentials.create(Keys.createEcKeyPair());
        CliRun r = create(unfunded, "0.3");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).containsPattern("signer " + Keys.toChecksumAddress(unfunded.getAddress())
                        + " has 0 ETH, needs ≈ 0\\.\\d+ ETH")
                .doesNotContain("-32003").doesNotContain("nsufficient funds");
        assertThat(Account.of(chain, unfunded.getAddress())).isEqualTo(new Account(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Test
    void aValidCreateStillSendsThroughTheSamePath() throws Exception {
        Credentials signer = chain.account(3);
        BigInteger nonce = Account.of(chain, signer.getAddress()).nonce();
        CliRun r = create(signer, "0.3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pool: 0x");
        assertThat(Account.of(chain, signer.getAddress()).nonce()).isEqualTo(nonce.add(BigInteger.ONE));
    }

    private CliRun create(Credentials signer, String fee) {
        Terminal.use(Map.of("BALLAST_PRIVATE_KEY", Numeric.toHexStringNoPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64)), null);
        return CliRun.run("pool", "create", "--factory", dev.factory().getContractAddress(), "--tokens",
                dev.address(0) + "," + dev.address(1), "--weights", "0.5,0.5", "--fee", fee, "--yes", "--rpc", chain.rpcUrl());
    }

    /** What a sent transaction would change: the nonce (latest and pending agree here) and the ETH balance. */
    record Account(BigInteger nonce, BigInteger balance) {
        static Account of(AnvilChain chain, String address) throws Exception {
            BigInteger pending = chain.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
            BigInteger latest = chain.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount();
            assertThat(pending).as("pending nonce").isEqualTo(latest);
            return new Account(latest, chain.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance());
        }
    }
}
