package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.WeightedPoolFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Deploys a weighted pool through a WeightedPoolFactory. Token 0 is the pool's oracle quote token.",
                "The pool starts empty: its first join (pool join --amounts ...) sets the starting prices."})
final class CreateCommand implements Callable<Integer> {
    private static final int WAD_DECIMALS = 18;

    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(names = {"-y", "--yes"}, description = "Send without asking for confirmation.")
    boolean yes;

    @Option(names = "--factory", required = true, paramLabel = "ADDRESS", description = "The WeightedPoolFactory.")
    String factory;

    @Option(names = "--tokens", required = true, split = ",", paramLabel = "ADDRESS",
            description = "2..8 ERC20 token addresses; the first is the quote token.")
    List<String> tokens;

    @Option(names = "--weights", required = true, split = ",", paramLabel = "W",
            description = "Weights as fractions summing to 1, in token order, e.g. 0.8,0.2.")
    List<String> weights;

    @Option(names = "--fee", required = true, paramLabel = "PERCENT", description = "Swap fee in percent, e.g. 0.3.")
    String fee;

    @Option(names = "--name", paramLabel = "TEXT", description = "LP token name (default: Ballast SYM/SYM pool).")
    String name;

    @Option(names = "--symbol", defaultValue = "BLP", paramLabel = "TEXT", description = "LP token symbol (default ${DEFAULT-VALUE}).")
    String symbol;

    @Override
    public Integer call() throws Exception {
        return Reverts.named(this::run);
    }

    private Integer run() throws Exception {
        if (tokens.size() != weights.size()) {
            throw new UserInputException("--weights: " + weights.size() + " weights for " + tokens.size() + " tokens");
        }
        List<BigInteger> wads = new ArrayList<>();
        BigInteger sum = BigInteger.ZERO;
        for (String w : weights) {
            BigInteger wad = Amounts.parse("--weights", w, WAD_DECIMALS, "(weight)", false);
            wads.add(wad);
            sum = sum.add(wad);
        }
        if (!sum.equals(BigInteger.TEN.pow(WAD_DECIMALS))) {
            throw new UserInputException("--weights: " + weights + " sum to "
                    + new BigDecimal(sum, WAD_DECIMALS).stripTrailingZeros().toPlainString() + ", not 1");
        }
        BigInteger feeWad = Amounts.parse("--fee", fee, WAD_DECIMALS - 2, "%", false);
        try (Session session = Session.open(chain)) {
            String signer = session.signer().getAddress();
            String factoryAddress = session.address("--factory", factory, true);
            List<String> addresses = new ArrayList<>();
            List<String> symbols = new ArrayList<>();
            for (String t : tokens) {
                String address = session.address("--tokens", t, true);
                if (!new HashSet<>(addresses.stream().map(String::toLowerCase).toList()).add(address.toLowerCase())) {
                    throw new UserInputException("--tokens: " + address + " is listed twice");
                }
                addresses.add(address);
                symbols.add(MockERC20.load(address, session.web3j(), session.reader(), session.gas()).symbol().send());
            }
            String poolName = name != null ? name : "Ballast " + String.join("/", symbols) + " pool";
            var out = spec.commandLine().getOut();
            out.println("Create pool (chain " + session.chainId() + ", factory " + factoryAddress + ", from " + signer + "):");
            for (int i = 0; i < addresses.size(); i++) {
                out.println("  token " + i + ": " + symbols.get(i) + " " + addresses.get(i) + " weight " + weights.get(i).strip());
            }
            out.println("  swap fee " + fee.strip() + "%, LP token '" + poolName + "' (" + symbol + ")");
            if (!Transactions.confirmed(out, yes)) {
                out.println("Aborted: nothing sent.");
                out.flush();
                return 1;
            }
            WeightedPoolFactory f = WeightedPoolFactory.load(factoryAddress, session.web3j(), session.sender(), session.gas());
            TransactionReceipt r = Transactions.guarded(() -> f.create(poolName, symbol, addresses, wads, feeWad).send());
            String created = WeightedPoolFactory.getPoolCreatedEvents(r).getFirst().pool;
            out.println("sent: " + r.getTransactionHash() + " (block " + r.getBlockNumber() + ", gas " + r.getGasUsed() + ")");
            out.println("pool: " + created);
            out.flush();
            return 0;
        }
    }
}
