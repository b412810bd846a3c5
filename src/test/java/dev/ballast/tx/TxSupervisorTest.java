package dev.ballast.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockERC20;
import dev.ballast.gas.FeeQuote;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;

@ExtendWith(AnvilExtension.class)
class TxSupervisorTest {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final String RECIPIENT = "0x00000000000000000000000000000000000000b0";

    private final AnvilChain chain;
    private Credentials keeper;
    private MockERC20 token;
    private NonceManager nonces;
    private TxSender sender;

    TxSupervisorTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deployToken() throws Exception {
        keeper = chain.account(1);
        token = MockERC20.deploy(chain.web3j(), chain.txManager(1), new DefaultGasProvider(), "Test", "TST",
                BigInteger.valueOf(18)).send();
        token.mint(keeper.getAddress(), BigInteger.valueOf(1_000)).send();
        nonces = new NonceManager(chain.web3j(), keeper.getAddress());
        sender = new TxSender(chain.web3j(), chain.web3j(), keeper, 31337, nonces, RevertDecoder.forBallast(), 20,
                Clock.systemUTC());
    }

    @Test
    void aRevertingCallIsNamedAndNotSent() throws Exception {
        BigInteger nonceBefore = nonces.peek();
        assertThatThrownBy(() -> sender.simulate(token.getContractAddress(), transfer(5_000), BigInteger.ONE))
                .isInstanceOf(SimulatedRevertException.class)
                .hasMessageContaining("ERC20InsufficientBalance(" + keeper.getAddress().toLowerCase() + ", 1000, 5000)");
        assertThat(nonces.minedCount()).isEqualTo(nonceBefore);
    }

    @Test
    void simulationLimitIsProvenByTheNodeAndCloseToItsEstimate() throws Exception {
        BigInteger gas = sender.simulate(token.getContractAddress(), transfer(10), BigInteger.ONE);
        BigInteger raw = chain.web3j().ethEstimateGas(org.web3j.protocol.core.methods.request.Transaction
                .createEthCallTransaction(keeper.getAddress(), token.getContractAddress(), transfer(10)))
                .send().getAmountUsed();
        BigInteger proven = provenLimit(gas);
        assertThat(callAt(proven.subtract(BigInteger.valueOf(raw.longValueExact() / 10)))).as("10% less runs out").isFalse();
        assertThat(callAt(proven)).as("the limit before the margin succeeds").isTrue();
        assertThat(proven).isBetween(raw.multiply(BigInteger.valueOf(98)).divide(BigInteger.valueOf(100)),
                raw.multiply(BigInteger.valueOf(109)).divide(BigInteger.valueOf(100)));
    }

    @Test
    void gasLimitCandidatesStepBySixteenthsUpToTheLargestRefund() {
        assertThat(TxSender.candidates(BigInteger.valueOf(63_000))).containsExactly(BigInteger.valueOf(64_000),
                BigInteger.valueOf(68_000), BigInteger.valueOf(72_000), BigInteger.valueOf(76_000), BigInteger.valueOf(80_000));
        assertThat(TxSender.candidates(BigInteger.ONE).getFirst()).as("rounded up").isEqualTo(BigInteger.TWO);
    }

    @Test
    void aNodeWithoutCreateAccessListFallsBackToItsEstimate() throws Exception {
        okhttp3.OkHttpClient renaming = new okhttp3.OkHttpClient.Builder().addInterceptor(c -> {
            okio.Buffer body = new okio.Buffer();
            c.request().body().writeTo(body);
            String json = body.readUtf8().replace("eth_createAccessList", "eth_noSuchMethod");
            return c.proceed(c.request().newBuilder().post(okhttp3.RequestBody.create(json,
                    okhttp3.MediaType.get("application/json"))).build());
        }).build();
        org.web3j.protocol.Web3j old = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(chain.rpcUrl(), renaming));
        try {
            TxSender onOld = new TxSender(old, old, keeper, 31337, nonces, RevertDecoder.forBallast(), 20, Clock.systemUTC());
            BigInteger gas = onOld.simulate(token.getContractAddress(), transfer(10), BigInteger.ONE);
            BigInteger raw = chain.web3j().ethEstimateGas(org.web3j.protocol.core.methods.request.Transaction
                    .createEthCallTransaction(keeper.getAddress(), token.getContractAddress(), transfer(10)))
                    .send().getAmountUsed();
            assertThat(gas).isEqualTo(raw.add(raw.multiply(BigInteger.valueOf(20)).divide(BigInteger.valueOf(100))));
        } finally {
            old.shutdown();
        }
    }

    /** The limit before the sender's 20% margin (the margin is rounded down, so this may be 1 below: checked both). */
    private BigInteger provenLimit(BigInteger withMargin) throws Exception {
        BigInteger guess = withMargin.multiply(BigInteger.valueOf(100)).divide(BigInteger.valueOf(120));
        for (BigInteger g = guess.subtract(BigInteger.TWO); g.compareTo(guess.add(BigInteger.TWO)) <= 0; g = g.add(BigInteger.ONE)) {
            if (g.add(g.multiply(BigInteger.valueOf(20)).divide(BigInteger.valueOf(100))).equals(withMargin)) return g;
        }
        throw new AssertionError("no limit gives " + withMargin + " with a 20% margin");
    }

    private boolean callAt(BigInteger gas) throws Exception {
        org.web3j.protocol.core.methods.response.EthCall r = chain.web3j().ethCall(new org.web3j.protocol.core.methods.request.Transaction(
                keeper.getAddress(), null, null, gas, token.getContractAddress(), null, transfer(10)),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send();
        return !r.hasError() && !r.isReverted();
    }

    @Test
    void simulationTakesTwoRoundTripsAndARevertOne() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        okhttp3.OkHttpClient counting = new okhttp3.OkHttpClient.Builder()
                .addInterceptor(c -> {
                    requests.incrementAndGet();
                    return c.proceed(c.request());
                })
                .build();
        org.web3j.protocol.Web3j counted = org.web3j.protocol.Web3j.build(
                new org.web3j.protocol.http.HttpService(chain.rpcUrl(), counting));
        try {
            TxSender batched = new TxSender(counted, counted, keeper, 31337, nonces, RevertDecoder.forBallast(), 20,
                    Clock.systemUTC());
            assertThat(batched.simulate(token.getContractAddress(), transfer(10), BigInteger.ONE)).isPositive();
            assertThat(requests.get()).as("HTTP requests for one simulation: the call + gasUsed, then the limit's proof")
                    .isEqualTo(2);
            assertThatThrownBy(() -> batched.simulate(token.getContractAddress(), transfer(5_000), BigInteger.ONE))
                    .isInstanceOf(SimulatedRevertException.class).hasMessageContaining("ERC20InsufficientBalance");
            assertThat(requests.get()).as("a revert is known after the first batch").isEqualTo(3);
        } finally {
            counted.shutdown();
        }
    }

    @Test
    void aStuckTransactionIsReplacedAndOnlyOneLands() throws Exception {
        chain.rpc().setAutomine(false);
        SentTx first = sender.send(token.getContractAddress(), transfer(10), BigInteger.valueOf(100_000),
                new FeeQuote(GWEI.multiply(BigInteger.TWO), BigInteger.ONE));
        CountDownLatch replaced = new CountDownLatch(1);
        TxSupervisor supervisor = new TxSupervisor(chain.web3j(), sender, nonces,
                q -> new FeeQuote(q.maxFeePerGas().multiply(BigInteger.TWO), q.maxPriorityFeePerGas().multiply(BigInteger.TWO).add(GWEI)),
                Duration.ofMillis(200), 1, Duration.ofMillis(50), Clock.systemUTC(),
                new TxSupervisor.Listener() {
                    @Override
                    public void replaced(SentTx previous, SentTx replacement) {
                        replaced.countDown();
                    }
                });
        CompletableFuture<TxOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return supervisor.await(first, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(replaced.await(10, TimeUnit.SECONDS)).as("replacement sent").isTrue();
        chain.rpc().mine(1);
        TxOutcome result = outcome.get(30, TimeUnit.SECONDS);
        chain.rpc().setAutomine(true);

        assertThat(result).isInstanceOf(TxOutcome.Confirmed.class);
        TxOutcome.Confirmed confirmed = (TxOutcome.Confirmed) result;
        assertThat(confirmed.tx().hash()).isNotEqualTo(first.hash());
        assertThat(confirmed.tx().nonce()).isEqualTo(first.nonce());
        assertThat(confirmed.succeeded()).isTrue();
        assertThat(token.balanceOf(RECIPIENT).send()).as("exactly one transfer landed").isEqualTo(BigInteger.TEN);
        assertThat(chain.web3j().ethGetTransactionReceipt(first.hash()).send().getTransactionReceipt()).isEmpty();
    }

    @Test
    void aReceiptWhoseBlockIsReorganisedAwayIsReported() throws Exception {
        String beforeTx = chain.rpc().snapshot();
        SentTx sent = sender.send(token.getContractAddress(), transfer(10), BigInteger.valueOf(100_000),
                new FeeQuote(GWEI.multiply(BigInteger.TEN), GWEI));
        TransactionReceipt receipt = awaitReceipt(sent.hash());
        TxSupervisor supervisor = new TxSupervisor(chain.web3j(), sender, nonces, q -> null, Duration.ofSeconds(60),
                3, Duration.ofMillis(50), Clock.systemUTC(), new TxSupervisor.Listener() {});
        CompletableFuture<TxOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return supervisor.await(sent, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300); // the supervisor has the receipt and waits for confirmations
        chain.rpc().revert(beforeTx);
        chain.rpc().setBalance(RECIPIENT, BigInteger.ONE); // a different block at the same height
        chain.rpc().mine(4);
        TxOutcome result = outcome.get(30, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(TxOutcome.Reorged.class);
        assertThat(((TxOutcome.Reorged) result).lostBlockHash()).isEqualTo(receipt.getBlockHash());
    }

    private TransactionReceipt awaitReceipt(String hash) throws Exception {
        for (int i = 0; i < 100; i++) {
            var receipt = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) return receipt.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no receipt for " + hash);
    }

    private static String transfer(long amount) {
        return FunctionEncoder.encode(new Function("transfer",
                List.of(new Address(RECIPIENT), new Uint256(amount)), List.of()));
    }
}
