package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.MockMulticall3;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.utils.Numeric;

@ExtendWith(AnvilExtension.class)
class BatchCallerAnvilTest {
    private static byte[] balanceOf(String who) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(who)), List.of())));
    }

    private static List<Call3> calls(MockERC20 token, String holder) {
        return List.of(
                new Call3(token.getContractAddress(), false, balanceOf(holder)),
                new Call3(token.getContractAddress(), true, Numeric.hexStringToByteArray("0xdeadbeef")),
                new Call3(token.getContractAddress(), false, Numeric.hexStringToByteArray("0x18160ddd"))); // totalSupply()
    }

    private static void assertResults(List<CallResult> results, BigInteger minted) {
        assertThat(results).hasSize(3);
        assertThat(results.get(0).success()).isTrue();
        assertThat(new BigInteger(1, results.get(0).returnData())).isEqualTo(minted);
        assertThat(results.get(1).success()).as("unknown selector reverts, allowed to fail").isFalse();
        assertThat(new BigInteger(1, results.get(2).returnData())).isEqualTo(minted);
    }

    @Test
    void withoutMulticall3TheCallsRunInTheUndeployedLens(AnvilChain chain) throws Exception {
        MockERC20 token = MockERC20.deploy(chain.web3j(), chain.txManager(0), LensFixture.GAS, "T", "T", BigInteger.valueOf(18)).send();
        String holder = chain.account(1).getAddress();
        token.mint(holder, BigInteger.valueOf(777)).send();
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults())) {
            BatchCaller caller = new BatchCaller(rpc, 30_000_000);
            long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();

            List<CallResult> results = caller.call(block, calls(token, holder));

            assertThat(caller.route()).isEqualTo(BatchCaller.Route.CALL_BATCH_LENS);
            assertResults(results, BigInteger.valueOf(777));
            assertThat(rpc.stats().calls("eth_call")).isEqualTo(1);
        }
    }

    @Test
    void withMulticall3AtItsCanonicalAddressAggregate3IsUsed(AnvilChain chain) throws Exception {
        MockMulticall3 deployed = MockMulticall3.deploy(chain.web3j(), chain.txManager(0), LensFixture.GAS).send();
        String runtime = chain.web3j().ethGetCode(deployed.getContractAddress(), DefaultBlockParameterName.LATEST).send().getCode();
        new Request<>("anvil_setCode", List.of(Multicall3.ADDRESS, runtime), new org.web3j.protocol.http.HttpService(chain.rpcUrl()),
                dev.ballast.anvil.AnvilRpc.GenericResponse.class).send();
        chain.rpc().mine(1);
        MockERC20 token = MockERC20.deploy(chain.web3j(), chain.txManager(0), LensFixture.GAS, "T", "T", BigInteger.valueOf(18)).send();
        String holder = chain.account(1).getAddress();
        token.mint(holder, BigInteger.valueOf(555)).send();
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults())) {
            BatchCaller caller = new BatchCaller(rpc, 30_000_000);
            long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();

            List<CallResult> results = caller.call(block, calls(token, holder));

            assertThat(caller.route()).isEqualTo(BatchCaller.Route.MULTICALL3);
            assertResults(results, BigInteger.valueOf(555));
        }
    }
}
