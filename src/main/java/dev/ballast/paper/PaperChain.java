package dev.ballast.paper;

import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultState;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * Reads what the paper vaults need at one block in one JSON-RPC batch, every call pinned to that block: the header
 * (time, base fee), {@code IPriceRouter.getPrice(asset)} per router and asset, and {@code IVenue.spotPrice} and
 * {@code twapPrice(…, twapWindow)} per venue and ordered pair. Vaults sharing a router or venue share its reads. A
 * call that reverts is a {@link PriceReading.Status#REVERTED} reading carrying the error's selector, as the keeper's
 * lens reports it, so the keeper's own checks name the same errors.
 */
public final class PaperChain {
    private final Web3j web3j;

    public PaperChain(Web3j web3j) {
        this.web3j = web3j;
    }

    public long head() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public long chainId() throws IOException {
        return web3j.ethChainId().send().getChainId().longValueExact();
    }

    /** {@code decimals()} of each token, at the latest block (decimals do not change). */
    public Map<String, Integer> decimals(List<String> tokens) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (String token : tokens) {
            String key = token.toLowerCase(Locale.ROOT);
            if (out.containsKey(key)) continue;
            EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, token,
                    FunctionEncoder.encode(new Function("decimals", List.of(), List.of()))), DefaultBlockParameter.valueOf("latest")).send();
            if (r.hasError() || r.getValue() == null || r.getValue().length() < 66) {
                throw new IOException("token " + token + " answers no decimals(): is it an ERC-20 on this chain?");
            }
            out.put(key, Numeric.toBigInt(r.getValue()).intValueExact());
        }
        return out;
    }

    /** Everything {@code vaults} need at {@code block}; fails (IOException) when the node cannot serve that block. */
    public MarketRead read(long block, List<PaperConfig.Vault> vaults) throws IOException {
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        Map<String, String> calls = new LinkedHashMap<>(); // key -> "to|data"
        for (PaperConfig.Vault v : vaults) {
            for (PaperConfig.PaperAsset a : v.assets()) {
                calls.putIfAbsent("r:" + MarketRead.routerKey(v.priceRouter(), a.token()), v.priceRouter() + "|"
                        + encode("getPrice", new Address(a.token())));
            }
            for (PaperConfig.PaperAsset base : v.assets()) {
                for (PaperConfig.PaperAsset quote : v.assets()) {
                    if (base == quote) continue;
                    String key = MarketRead.venueKey(v.venue(), base.token(), quote.token(), v.policy().twapWindow());
                    calls.putIfAbsent("s:" + key, v.venue() + "|" + encode("spotPrice", new Address(base.token()),
                            new Address(quote.token())));
                    calls.putIfAbsent("t:" + key, v.venue() + "|" + encode("twapPrice", new Address(base.token()),
                            new Address(quote.token()), new Uint32(v.policy().twapWindow())));
                }
            }
        }
        BatchRequest batch = web3j.newBatch();
        Request<?, EthBlock> header = web3j.ethGetBlockByNumber(at, false);
        batch.add(header);
        Map<Long, String> keyById = new HashMap<>();
        for (Map.Entry<String, String> c : calls.entrySet()) {
            String[] toData = c.getValue().split("\\|");
            Request<?, EthCall> r = web3j.ethCall(Transaction.createEthCallTransaction(null, toData[0], toData[1]), at);
            keyById.put(r.getId(), c.getKey());
            batch.add(r);
        }
        BatchResponse response = batch.send();
        Map<String, PriceReading> readings = new HashMap<>();
        EthBlock.Block blockData = null;
        for (Response<?> r : response.getResponses()) {
            if (r.getId() == header.getId()) {
                if (r.hasError() || ((EthBlock) r).getBlock() == null) {
                    throw new IOException("block " + block + " is not available from the node"
                            + (r.hasError() ? ": " + r.getError().getMessage() : ""));
                }
                blockData = ((EthBlock) r).getBlock();
                continue;
            }
            String key = keyById.get(r.getId());
            if (key == null) continue;
            readings.put(key, reading(r, block));
        }
        if (blockData == null) throw new IOException("the node's batch answer lacks block " + block);
        if (readings.size() != calls.size()) throw new IOException("the node's batch answer lacks " + (calls.size() - readings.size()) + " calls");
        Map<String, PriceReading> router = new HashMap<>();
        Map<String, VaultState.VenuePrice> venue = new HashMap<>();
        for (Map.Entry<String, PriceReading> e : readings.entrySet()) {
            if (e.getKey().startsWith("r:")) router.put(e.getKey().substring(2), e.getValue());
        }
        for (String key : calls.keySet()) {
            if (!key.startsWith("s:")) continue;
            String k = key.substring(2);
            String[] parts = k.split("\\|");
            venue.put(k, new VaultState.VenuePrice(parts[1], parts[2], readings.get(key), readings.get("t:" + k)));
        }
        BigInteger baseFee = blockData.getBaseFeePerGas() == null ? BigInteger.ZERO : blockData.getBaseFeePerGas();
        return new MarketRead(block, blockData.getTimestamp().longValueExact(), baseFee, router, venue);
    }

    /** One leg to quote: {@code amountIn} of {@code tokenIn} for {@code tokenOut} on {@code venue}. */
    public record QuoteRequest(String venue, String tokenIn, String tokenOut, BigInteger amountIn) {}

    /**
     * {@code IVenue.quoteExactIn} of each amount at {@code block}, in one batch (each answered on the block's own state,
     * independently of the others). A venue that cannot fill answers 0 here, as the keeper's quote lens does.
     */
    public List<BigInteger> quote(long block, List<QuoteRequest> requests) throws IOException {
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        BatchRequest batch = web3j.newBatch();
        List<Long> ids = new ArrayList<>();
        for (QuoteRequest q : requests) {
            Request<?, EthCall> r = web3j.ethCall(Transaction.createEthCallTransaction(null, q.venue(), encode("quoteExactIn",
                    new Address(q.tokenIn()), new Address(q.tokenOut()), new Uint256(q.amountIn()))), at);
            ids.add(r.getId());
            batch.add(r);
        }
        Map<Long, Response<?>> byId = new HashMap<>();
        for (Response<?> r : batch.send().getResponses()) byId.put(r.getId(), r);
        List<BigInteger> out = new ArrayList<>();
        for (long id : ids) {
            Response<?> r = byId.get(id);
            if (r == null) throw new IOException("the node's batch answer lacks a quote");
            PriceReading reading = reading(r, block);
            out.add(reading.price().orElse(BigInteger.ZERO));
        }
        return out;
    }

    /** A call's answer as a reading; a revert keeps its selector, a node failure is thrown (never read as a price). */
    private static PriceReading reading(Response<?> r, long block) throws IOException {
        if (r.hasError()) {
            String message = r.getError().getMessage() == null ? "" : r.getError().getMessage();
            String data = r.getError().getData() == null ? null : r.getError().getData().replace("\"", "").trim();
            boolean reverted = message.toLowerCase(Locale.ROOT).contains("revert") || (data != null && data.startsWith("0x"));
            if (!reverted) throw new IOException("eth_call at block " + block + " failed: " + message);
            BigInteger selector = data != null && data.length() >= 10 ? Numeric.toBigInt(data.substring(0, 10)) : BigInteger.ZERO;
            return new PriceReading(PriceReading.Status.REVERTED, selector);
        }
        String value = ((EthCall) r).getValue();
        if (value == null || value.length() < 66) return new PriceReading(PriceReading.Status.REVERTED, BigInteger.ZERO);
        return new PriceReading(PriceReading.Status.OK, Numeric.toBigInt(value.substring(0, 66)));
    }

    private static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    /** For {@link ArrayList}-free callers: the vaults' distinct tokens. */
    static List<String> tokens(List<PaperConfig.Vault> vaults) {
        List<String> out = new ArrayList<>();
        for (PaperConfig.Vault v : vaults) for (PaperConfig.PaperAsset a : v.assets()) out.add(a.token());
        return out;
    }
}
