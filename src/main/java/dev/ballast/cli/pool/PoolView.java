package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.exceptions.ContractCallException;

/**
 * A pool and its tokens as the user names them: by address or by ERC20 symbol. Loaded once per command; amounts the
 * user types are parsed against the named token's decimals.
 */
final class PoolView {
    /** One pool token. The ERC20 is driven through the MockERC20 wrapper, which only adds mint/burn to ERC20. */
    record Token(int index, String address, String symbol, int decimals, MockERC20 erc20) {}

    private final Session session;
    private final WeightedPool pool;
    private final List<Token> tokens;

    private PoolView(Session session, WeightedPool pool, List<Token> tokens) {
        this.session = session;
        this.pool = pool;
        this.tokens = tokens;
    }

    /** Loads the pool at {@code --pool}; the signer is used only if {@code signing}. */
    static PoolView load(Session session, String poolOption, boolean signing) throws Exception {
        String address = session.address("--pool", poolOption, true);
        TransactionManager tm = signing ? session.sender() : session.reader();
        WeightedPool pool = WeightedPool.load(address, session.web3j(), tm, session.gas());
        List<?> addresses;
        try {
            addresses = pool.getTokens().send();
        } catch (Exception e) {
            throw new UserInputException("--pool: " + address + " does not answer getTokens(): not a Ballast weighted pool", e);
        }
        List<Token> tokens = new ArrayList<>();
        for (Object a : addresses) {
            String tokenAddress = a.toString();
            MockERC20 erc20 = MockERC20.load(tokenAddress, session.web3j(), tm, session.gas());
            tokens.add(new Token(tokens.size(), tokenAddress, erc20.symbol().send(), erc20.decimals().send().intValueExact(), erc20));
        }
        return new PoolView(session, pool, List.copyOf(tokens));
    }

    WeightedPool pool() {
        return pool;
    }

    long chainId() {
        return session.chainId();
    }

    String address() {
        return pool.getContractAddress();
    }

    List<Token> tokens() {
        return tokens;
    }

    Token token(int index) {
        return tokens.get(index);
    }

    List<String> tokenAddresses() {
        return tokens.stream().map(Token::address).toList();
    }

    /** The token named by address or symbol (case-insensitive). */
    Token resolve(String field, String name) {
        String wanted = name.strip();
        List<Token> matches = new ArrayList<>();
        for (Token t : tokens) {
            if (t.address().equalsIgnoreCase(wanted) || t.symbol().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                matches.add(t);
            }
        }
        if (matches.isEmpty()) {
            throw new UserInputException(field + ": unknown token '" + name + "'; this pool holds " + describeTokens());
        }
        if (matches.size() > 1) {
            throw new UserInputException(field + ": symbol '" + name + "' is ambiguous in this pool; give the address ("
                    + matches.stream().map(Token::address).toList() + ")");
        }
        return matches.getFirst();
    }

    String describeTokens() {
        return String.join(", ", tokens.stream().map(t -> t.symbol() + " (" + t.address() + ")").toList());
    }

    BigInteger parse(String field, String text, Token token) {
        return Amounts.parse(field, text, token.decimals(), token.symbol(), session.raw());
    }

    BigInteger parseLp(String field, String text) {
        return Amounts.parse(field, text, Amounts.LP_DECIMALS, "LP", session.raw());
    }

    String show(BigInteger raw, Token token) {
        return Amounts.format(raw, token.decimals(), session.raw()) + " " + token.symbol();
    }

    String showLp(BigInteger raw) {
        return Amounts.format(raw, Amounts.LP_DECIMALS, session.raw()) + " LP";
    }

    /**
     * Per-token amounts: either {@code SYM=AMOUNT,...} (any subset, others zero) or plain {@code A,B,...} in token
     * order. Zero is allowed here only with {@code allowZero}.
     */
    List<BigInteger> parseAmounts(String field, String text, boolean allowZero) {
        String[] parts = text.split(",");
        BigInteger[] amounts = new BigInteger[tokens.size()];
        Arrays.fill(amounts, BigInteger.ZERO);
        boolean named = text.contains("=");
        if (!named && parts.length != tokens.size()) {
            throw new UserInputException(field + ": " + parts.length + " amounts for " + tokens.size() + " tokens ("
                    + describeTokens() + "); give one per token in order, or SYMBOL=AMOUNT pairs");
        }
        for (int i = 0; i < parts.length; i++) {
            Token token;
            String amount;
            if (named) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) throw new UserInputException(field + ": '" + parts[i] + "' is not SYMBOL=AMOUNT");
                token = resolve(field, parts[i].substring(0, eq));
                amount = parts[i].substring(eq + 1);
            } else {
                token = tokens.get(i);
                amount = parts[i];
            }
            if (allowZero && isZero(amount)) continue;
            amounts[token.index()] = parse(field + " (" + token.symbol() + ")", amount, token);
        }
        return List.of(amounts);
    }

    private static boolean isZero(String text) {
        try {
            return new BigDecimal(text.strip()).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A view call whose revert is reported by the pool's error name: web3j's own exception garbles the revert data, so
     * the call is repeated as a plain eth_call to read it.
     */
    <T> T query(RemoteFunctionCall<T> call) throws Exception {
        try {
            return call.send();
        } catch (ContractCallException e) {
            var reply = session.web3j().ethCall(Transaction.createEthCallTransaction(
                    null, address(), call.encodeFunctionCall()), DefaultBlockParameterName.LATEST).send();
            Object data = reply.hasError() ? reply.getError().getData() : null;
            String name = data == null ? e.getMessage()
                    : RevertText.describe(RevertDecoder.forBallast().decode(data.toString().replace("\"", "")), RevertText.Tokens.NONE);
            throw new UserInputException("the pool refused the call: " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    List<BigInteger> balances() throws Exception {
        return (List<BigInteger>) pool.getBalances().send();
    }

    @SuppressWarnings("unchecked")
    List<BigInteger> weights() throws Exception {
        return (List<BigInteger>) pool.getNormalizedWeights().send();
    }
}
