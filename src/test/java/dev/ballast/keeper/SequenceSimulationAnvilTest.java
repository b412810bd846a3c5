package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.contracts.MockERC20;
import dev.ballast.deploy.DevGas;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * {@link SequenceSimulation} on a real Anvil: each call runs on the state the calls before it leave, also across the
 * simulated blocks the block gas limit splits them into, and nothing reaches the chain. Two transfers of 60 out of a
 * balance of 100 each pass alone; in sequence the second must fail, as it would on chain.
 */
class SequenceSimulationAnvilTest {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    /** OpenZeppelin 5's ERC20InsufficientBalance(address,uint256,uint256). */
    private static final String INSUFFICIENT_BALANCE = "0xe450d38c";

    private static AnvilProcess anvil;
    private static Web3j web3j;
    private static String token;
    private static final String FROM = DevAccounts.get(0).getAddress();
    private static final String TO = DevAccounts.get(2).getAddress();

    @BeforeAll
    static void deploy() throws Exception {
        anvil = AnvilProcess.start(AnvilOptions.defaults());
        web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        var tm = DevGas.txManager(web3j, DevAccounts.get(0), 31337);
        MockERC20 t = MockERC20.deploy(web3j, tm, DevGas.provider(31337), "T", "T", BigInteger.valueOf(18)).send();
        t.mint(FROM, HUNDRED).send();
        token = t.getContractAddress();
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    @Test
    void aCallSeesTheEarlierCallsEffectsAndFailsAsOnChain() throws Exception {
        BigInteger gas = BigInteger.valueOf(200_000);
        List<SequenceSimulation.Outcome> alone = SequenceSimulation.run(web3j, FROM, List.of(transfer(60, gas)), limit());
        assertThat(alone).singleElement().satisfies(o -> assertThat(o.ok()).isTrue());

        List<SequenceSimulation.Outcome> seq = SequenceSimulation.run(web3j, FROM, List.of(transfer(60, gas), transfer(60, gas),
                transfer(40, gas)), limit());

        assertThat(seq).hasSize(3);
        assertThat(seq.get(0).ok()).isTrue();
        assertThat(seq.get(1).ok()).as("the second 60 no longer fits the balance the first left").isFalse();
        assertThat(seq.get(1).returnData()).startsWith(INSUFFICIENT_BALANCE);
        assertThat(seq.get(2).ok()).as("the remaining 40 does").isTrue();
        assertThat(balance(FROM)).as("a simulation, not a transaction").isEqualTo(HUNDRED);
    }

    @Test
    void callsSplitIntoSeveralSimulatedBlocksByTheBlockGasLimitStillSeeEachOther() throws Exception {
        BigInteger big = limit().multiply(BigInteger.TWO).divide(BigInteger.valueOf(3)); // two do not fit one block

        List<SequenceSimulation.Outcome> seq = SequenceSimulation.run(web3j, FROM, List.of(transfer(60, big), transfer(60, big)),
                limit());

        assertThat(seq).extracting(SequenceSimulation.Outcome::ok).containsExactly(true, false);
    }

    private static SequenceSimulation.Call transfer(long amount, BigInteger gas) {
        String data = FunctionEncoder.encode(new Function("transfer", List.of(new Address(TO),
                new Uint256(BigInteger.valueOf(amount))), List.of()));
        return new SequenceSimulation.Call(token, data, gas);
    }

    private static BigInteger limit() throws Exception {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getGasLimit();
    }

    private static BigInteger balance(String who) throws Exception {
        var tm = DevGas.txManager(web3j, DevAccounts.get(0), 31337);
        return MockERC20.load(token, web3j, tm, DevGas.provider(31337)).balanceOf(who).send();
    }
}
