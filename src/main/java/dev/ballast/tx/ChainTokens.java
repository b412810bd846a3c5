package dev.ballast.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * {@link RevertText.Tokens} read from the chain: an address is a token when it answers {@code symbol()} and
 * {@code decimals()}. Answers are cached for the command's life; a failed read just means "not a token".
 */
public final class ChainTokens implements RevertText.Tokens {
    private static final String SYMBOL = FunctionEncoder.encode(new Function("symbol", List.of(), List.of()));
    private static final String DECIMALS = FunctionEncoder.encode(new Function("decimals", List.of(), List.of()));

    private final Web3j web3j;
    private final Map<String, Optional<RevertText.Token>> cache = new ConcurrentHashMap<>();

    public ChainTokens(Web3j web3j) {
        this.web3j = web3j;
    }

    @Override
    public Optional<RevertText.Token> lookup(String address) {
        return cache.computeIfAbsent(address.toLowerCase(Locale.ROOT), this::read);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Optional<RevertText.Token> read(String address) {
        try {
            String symbolHex = call(address, SYMBOL);
            String decimalsHex = call(address, DECIMALS);
            if (symbolHex == null || decimalsHex == null) return Optional.empty();
            List<Type> symbol = FunctionReturnDecoder.decode(symbolHex, (List) List.of(new TypeReference<Utf8String>() {}));
            List<Type> decimals = FunctionReturnDecoder.decode(decimalsHex, (List) List.of(new TypeReference<Uint8>() {}));
            if (symbol.isEmpty() || decimals.isEmpty()) return Optional.empty();
            String text = (String) symbol.getFirst().getValue();
            int places = ((BigInteger) decimals.getFirst().getValue()).intValueExact();
            return text.isBlank() || places > 36 ? Optional.empty() : Optional.of(new RevertText.Token(text, places));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String call(String to, String data) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, to, data), DefaultBlockParameterName.LATEST).send();
        if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 66) return null;
        return r.getValue();
    }
}
