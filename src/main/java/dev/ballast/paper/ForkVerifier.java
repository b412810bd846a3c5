package dev.ballast.paper;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.policy.Leg;
import dev.ballast.tx.RevertDecoder;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * {@code --verify-on-fork}: replays a paper rebalance for real on a throwaway {@code anvil --fork-url RPC
 * --fork-block-number N}. On the fork it deploys a real RebalancingVault over the paper vault's router and assets
 * with its guard parameters, hands it the router (impersonating the router's owner), allows the venue and a keeper
 * through the vault's own timelock, funds a depositor with the paper vault's holdings (by writing the tokens' balance
 * slots) and deposits them, then sends {@code vault.rebalance(legs)}. The receipt's gasUsed and the Rebalanced event's
 * amountsOut are the real figures. The timelock moves the fork's clock by its minimum (1 h) without trades, so venue
 * balances, and so the fills, are those of block N.
 */
public final class ForkVerifier implements ForkCheck {
    private static final long TIMELOCK = 3600;
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final RevertDecoder ERRORS = RevertDecoder.forBallast();

    private final String upstreamRpc;

    public ForkVerifier(String upstreamRpc) {
        this.upstreamRpc = upstreamRpc;
    }

    @Override
    public Result replay(long block, PaperConfig.Vault v, List<BigInteger> balances, List<Leg> legs) {
        AnvilOptions options = AnvilOptions.defaults().withForkUrl(upstreamRpc).withExtraArgs("--fork-block-number", Long.toString(block));
        try (AnvilProcess fork = AnvilProcess.start(options)) {
            HttpService service = new HttpService(fork.rpcUrl());
            Web3j web3j = Web3j.build(service);
            try {
                return replayOn(web3j, new ForkRpc(service), v, balances, legs);
            } finally {
                web3j.shutdown();
            }
        } catch (Exception e) {
            return new Result("FAILED " + e.getMessage(), 0, List.of());
        }
    }

    private Result replayOn(Web3j web3j, ForkRpc rpc, PaperConfig.Vault v, List<BigInteger> balances, List<Leg> legs) throws Exception {
        Credentials owner = DevAccounts.get(0);
        Credentials keeper = DevAccounts.get(1);
        long chainId = AnvilOptions.DEFAULT_CHAIN_ID;
        TransactionManager ownerTm = DevGas.txManager(web3j, owner, chainId);
        ContractGasProvider gas = DevGas.provider(chainId);
        PaperConfig.Policy p = v.policy();
        RebalancingVault.Params params = new RebalancingVault.Params(p.band(), BigInteger.valueOf(p.mode().ordinal()),
                BigInteger.valueOf(p.calendarInterval()), BigInteger.valueOf(p.cooldown()), p.maxSlippage(), p.maxTradeFraction(),
                BigInteger.valueOf(p.twapWindow()), p.maxSpotTwapDeviation(), p.maxOracleVenueDeviation(), BigInteger.valueOf(3).multiply(BigInteger.TEN.pow(15)));
        List<String> tokens = v.assets().stream().map(PaperConfig.PaperAsset::token).toList();
        RebalancingVault vault = RebalancingVault.deploy(web3j, ownerTm, gas, "Ballast paper replay", "bPAPER", v.priceRouter(), tokens,
                v.assets().stream().map(PaperConfig.PaperAsset::target).toList(), params, owner.getAddress(), owner.getAddress(),
                BigInteger.valueOf(TIMELOCK)).send();
        String routerOwner = rpc.owner(web3j, v.priceRouter());
        rpc.impersonate(routerOwner);
        rpc.setBalance(routerOwner, ETH);
        rpc.sendAs(web3j, routerOwner, v.priceRouter(), DevStack.call("transferOwnership", new Address(vault.getContractAddress())));
        DevStack.govern(vault, rpc.anvil(), List.of(
                new DevStack.Change(v.priceRouter(), DevStack.call("acceptOwnership")),
                new DevStack.Change(vault.getContractAddress(), DevStack.call("setVenue", new Address(v.venue()), new Bool(true))),
                new DevStack.Change(vault.getContractAddress(), DevStack.call("setKeeper", new Address(keeper.getAddress()), new Bool(true)))));
        for (int i = 0; i < tokens.size(); i++) {
            rpc.deal(web3j, tokens.get(i), owner.getAddress(), balances.get(i));
            MockERC20.load(tokens.get(i), web3j, ownerTm, gas).approve(vault.getContractAddress(), balances.get(i)).send();
        }
        vault.deposit(balances, BigInteger.ZERO, owner.getAddress()).send();
        List<RebalancingVault.Leg> structs = legs.stream()
                .map(l -> new RebalancingVault.Leg(v.venue(), l.sellAsset(), l.buyAsset(), l.sellAmount())).toList();
        RebalancingVault asKeeper = RebalancingVault.load(vault.getContractAddress(), web3j, DevGas.txManager(web3j, keeper, chainId), gas);
        String data = asKeeper.rebalance(structs).encodeFunctionCall();
        var simulated = web3j.ethCall(Transaction.createEthCallTransaction(keeper.getAddress(),
                vault.getContractAddress(), data), DefaultBlockParameterName.LATEST).send();
        if (simulated.hasError()) return new Result("REVERTED " + revertName(simulated.getError()), 0, List.of());
        TransactionReceipt receipt = asKeeper.rebalance(structs).send();
        List<BigInteger> out = new ArrayList<>(RebalancingVault.getRebalancedEvents(receipt).getFirst().amountsOut);
        return new Result("MINED", receipt.getGasUsed().longValueExact(), out);
    }

    /** The error a simulation reverted with, by name where the ABI knows it. */
    static String revertName(Response.Error error) {
        String data = error.getData() == null ? "" : error.getData().replace("\"", "").trim();
        return data.startsWith("0x") && data.length() >= 10 ? ERRORS.nameOf(data.substring(0, 10)) : error.getMessage();
    }

    /** The few Anvil methods the replay needs beyond {@link AnvilRpc}. */
    private record ForkRpc(HttpService service) {
        AnvilRpc anvil() {
            return new AnvilRpc(service);
        }

        Object call(String method, List<?> params) throws IOException {
            var response = new Request<>(method, params, service, AnvilRpc.GenericResponse.class).send();
            if (response.hasError()) throw new IOException(method + " failed: " + response.getError().getMessage());
            return response.getResult();
        }

        void impersonate(String account) throws IOException {
            call("anvil_impersonateAccount", List.of(account));
        }

        void setBalance(String account, BigInteger wei) {
            anvil().setBalance(account, wei);
        }

        String owner(Web3j web3j, String contract) throws IOException {
            String value = web3j.ethCall(Transaction.createEthCallTransaction(null, contract,
                    FunctionEncoder.encode(new Function("owner", List.of(), List.of()))),
                    DefaultBlockParameterName.LATEST).send().getValue();
            return "0x" + value.substring(value.length() - 40);
        }

        void sendAs(Web3j web3j, String from, String to, byte[] data) throws Exception {
            var tx = Transaction.createFunctionCallTransaction(from, null, null,
                    BigInteger.valueOf(1_000_000), to, Numeric.toHexString(data));
            var simulated = web3j.ethCall(tx, DefaultBlockParameterName.LATEST).send();
            if (simulated.hasError()) {
                throw new IOException("call from " + from + " to " + to + " would revert: " + revertName(simulated.getError()));
            }
            var sent = web3j.ethSendTransaction(tx).send();
            if (sent.hasError()) throw new IOException("call from " + from + " failed: " + sent.getError().getMessage());
            var receipt = new PollingTransactionReceiptProcessor(web3j, 50, 200)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) throw new IOException("call from " + from + " to " + to + " reverted on the fork");
        }

        /**
         * Gives {@code holder} exactly {@code amount} of {@code token} by finding the balance mapping's slot (the first
         * of slots 0..31 whose {@code keccak(holder, slot)} entry moves balanceOf), as forge's deal does.
         */
        void deal(Web3j web3j, String token, String holder, BigInteger amount) throws Exception {
            for (int slot = 0; slot < 32; slot++) {
                String key = Hash.sha3(Numeric.toHexStringNoPrefixZeroPadded(
                        Numeric.toBigInt(holder), 64) + Numeric.toHexStringNoPrefixZeroPadded(
                        BigInteger.valueOf(slot), 64));
                String before = web3j.ethGetStorageAt(token, Numeric.toBigInt(key),
                        DefaultBlockParameterName.LATEST).send().getData();
                call("anvil_setStorageAt", List.of(token, key, Numeric.toHexStringWithPrefixZeroPadded(amount, 64)));
                if (balanceOf(web3j, token, holder).equals(amount)) return;
                call("anvil_setStorageAt", List.of(token, key, Numeric.toHexStringWithPrefixZeroPadded(
                        Numeric.toBigInt(before), 64)));
            }
            throw new IOException("cannot fund " + token + " on the fork: no balance slot found among slots 0..31");
        }

        private static BigInteger balanceOf(Web3j web3j, String token, String holder) throws IOException {
            String value = web3j.ethCall(Transaction.createEthCallTransaction(null, token,
                    FunctionEncoder.encode(new Function("balanceOf",
                            List.of(new Address(holder)), List.of()))), DefaultBlockParameterName.LATEST).send().getValue();
            return value == null || value.length() < 3 ? BigInteger.ZERO : Numeric.toBigInt(value);
        }
    }
}
