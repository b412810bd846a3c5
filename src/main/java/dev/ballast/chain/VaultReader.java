package dev.ballast.chain;

import dev.ballast.contracts.VaultLens;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * Reads every managed vault and pool at one block in as many eth_calls as their gas needs, up to the ceiling
 * {@link VaultReaderOptions#maxCallsPerBlock()}. Each call runs VaultLens's creation code without `to` (no deployment
 * needed on any chain), pinned to the same block number, and gets the result as the constructor's revert data
 * ({@link LensPayload}); the calls of one read travel as one JSON-RPC batch. The count is planned from the gas per
 * vault/pool the lens reported on the previous read and the per-call gas cap, so it follows the fleet's real cost.
 */
public final class VaultReader {
    private static final Logger log = LoggerFactory.getLogger(VaultReader.class);
    /** Re-plans after a lens call ran out of gas; each at least halves the calls' size. */
    private static final int MAX_OUT_OF_GAS_RETRIES = 6;
    /**
     * Reads again after a call reported another block than the one pinned. A call at the head number that a new block
     * overtakes may run on the new block; by then the pinned block is historical, and a node serves history stably.
     */
    private static final int MAX_BLOCK_MISMATCH_RETRIES = 3;
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    /**
     * Intrinsic gas of one ABI word of constructor arguments, at most: 16 per calldata byte (all non-zero) and EIP-3860's
     * 2 per initcode word. A vault or a pool adds two words; the four arrays' offsets and lengths are ten more.
     */
    private static final long ARG_WORD_GAS = 32 * 16 + 2;
    private static final int HEADER_WORDS = 10;

    /** A pool to read and the TWAP window (seconds) to read it over. */
    public record PoolQuery(String pool, long twapWindow) {
        public PoolQuery {
            Objects.requireNonNull(pool, "pool");
            if (twapWindow < 1 || twapWindow > 0xffffffffL) {
                throw new IllegalArgumentException("twapWindow of pool " + pool + " must fit uint32 and be > 0");
            }
        }
    }

    /** A vault to read and the venue the keeper trades it through (null: read no venue prices). */
    public record VaultQuery(String vault, String venue) {
        public VaultQuery {
            Objects.requireNonNull(vault, "vault");
        }
    }

    private final FailoverRpc rpc;
    private final VaultReaderOptions options;
    private final String lensCode;
    private final int lensCodeBytes;
    /**
     * Gas each lens call pays before the lens's first opcode, which the gas it reports leaves out: a creation's
     * intrinsic 53,000, its code as calldata and EIP-3860's initcode words, and the arguments' header (~220,000 for
     * today's lens: 11% of a 2M cap, most of the 15% a plan keeps in hand).
     */
    private final long callOverheadGas;
    private volatile long gasPerItem;

    public VaultReader(FailoverRpc rpc, VaultReaderOptions options) {
        this(rpc, options, VaultLens.BINARY);
    }

    VaultReader(FailoverRpc rpc, VaultReaderOptions options, String lensCreationCode) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.options = Objects.requireNonNull(options, "options");
        byte[] code = Numeric.hexStringToByteArray(lensCreationCode);
        this.lensCode = Numeric.toHexString(code);
        this.lensCodeBytes = code.length;
        this.callOverheadGas = creationIntrinsicGas(code) + HEADER_WORDS * ARG_WORD_GAS;
        this.gasPerItem = options.initialGasPerItem();
    }

    /** Reads all {@code vaults} (without venue prices) and {@code pools} as of block {@code blockNumber}. */
    public ChainSnapshot read(long blockNumber, List<String> vaults, List<PoolQuery> pools) {
        return readWithVenues(blockNumber, vaults.stream().map(v -> new VaultQuery(v, null)).toList(), pools);
    }

    /**
     * Reads all {@code vaults}, each with the spot and TWAP prices of every ordered pair of its assets on its venue
     * (what the vault's manipulation guard asks the venue), and {@code pools}, as of block {@code blockNumber}.
     */
    public ChainSnapshot readWithVenues(long blockNumber, List<VaultQuery> vaults, List<PoolQuery> pools) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readPlanned(blockNumber, vaults, pools);
            } catch (LensBlockMismatchException e) {
                // never mix chunks of two blocks: read the whole snapshot again at the same, now historical, block
                if (attempt > MAX_BLOCK_MISMATCH_RETRIES) throw e;
                log.warn("lens read at block {}: {}; reading the whole snapshot again at block {} ({} of {})",
                        blockNumber, e.getMessage(), blockNumber, attempt, MAX_BLOCK_MISMATCH_RETRIES);
            }
        }
    }

    private ChainSnapshot readPlanned(long blockNumber, List<VaultQuery> vaults, List<PoolQuery> pools) {
        for (int attempt = 1; ; attempt++) {
            int chunkCount = plannedChunks(vaults.size(), pools.size());
            try {
                return readInChunks(blockNumber, vaults, pools, chunkCount);
            } catch (LensOutOfGasException e) {
                // the plan trusted a gas per item it had not measured at this size (the first read, or state that
                // grew): a call that runs out of gas proves its items cost more than the call limit over their
                // number, so plan again from that and read the same block in smaller calls
                int largest = (int) Math.ceil((vaults.size() + pools.size()) / (double) chunkCount);
                long before = gasPerItem;
                gasPerItem = Math.max(2 * before, options.callGasLimit() / Math.max(1, largest) + 1);
                if (attempt >= MAX_OUT_OF_GAS_RETRIES || chunkCount >= options.maxCallsPerBlock()) throw e;
                log.warn("lens read at block {}: {} in {} call(s) at ~{} gas per vault/pool ran out of gas; reading "
                        + "again planned at ~{}", blockNumber, vaults.size() + pools.size(), chunkCount, before, gasPerItem);
            }
        }
    }

    private ChainSnapshot readInChunks(long blockNumber, List<VaultQuery> vaults, List<PoolQuery> pools, int chunkCount) {
        List<List<VaultQuery>> vaultChunks = split(vaults, chunkCount);
        List<List<PoolQuery>> poolChunks = split(pools, chunkCount);
        List<byte[]> results = callAll(blockNumber, vaultChunks, poolChunks);

        List<VaultState> vaultStates = new ArrayList<>();
        List<PoolState> poolStates = new ArrayList<>();
        long timestamp = 0;
        long chainId = 0;
        long gas = 0;
        for (int i = 0; i < results.size(); i++) {
            List<String> poolAddresses = poolChunks.get(i).stream().map(PoolQuery::pool).toList();
            List<String> vaultAddresses = vaultChunks.get(i).stream().map(VaultQuery::vault).toList();
            LensLayout.Chunk chunk = LensLayout.decode(results.get(i), vaultAddresses, poolAddresses);
            if (chunk.blockNumber() != blockNumber) {
                throw new LensBlockMismatchException("chunk " + i + " ran at block " + chunk.blockNumber() + ", not " + blockNumber);
            }
            vaultStates.addAll(chunk.vaults());
            poolStates.addAll(chunk.pools());
            timestamp = chunk.timestamp();
            chainId = chunk.chainId();
            gas += chunk.gasUsed();
        }
        learn(gas, vaults.size() + pools.size());
        return new ChainSnapshot(blockNumber, timestamp, chainId, vaultStates, poolStates, results.size(), gas);
    }

    /**
     * Chunks needed for gas and creation-code size; above the budget only if even the budget cannot hold them. A call's
     * gas is its fixed overhead ({@link #callOverheadGas}) plus its vaults' and pools', and the share kept in hand
     * applies to what the lens measures. Planned from the lens's figure alone, 73 items at 162,328 gas went into 7
     * calls of 2M gas, ~2.0M each with the overhead: out of gas, the block read again in 14 calls; the next read learnt
     * from those and planned 8, the one after 7 again, and so on (one read in three failed its first batch).
     */
    int plannedChunks(int vaultCount, int poolCount) {
        int items = vaultCount + poolCount;
        if (items == 0) return 1;
        double usable = (options.callGasLimit() - callOverheadGas) * options.usableGasFraction();
        if (usable <= 0) {
            throw new ReadBudgetExceededException("a lens call's own overhead (" + callOverheadGas + " gas) fills"
                    + " rpc.callGasLimit (" + options.callGasLimit() + ")");
        }
        // whole items per call, so that the largest slice (split's ceiling) fits too, not only the average
        long perCall = Math.max(1, (long) (usable / (gasPerItem + 2 * ARG_WORD_GAS)));
        int forGas = (int) ((items + perCall - 1) / perCall);
        long argBytes = 32L * (10 + 2L * vaultCount + 2L * poolCount);
        long room = options.maxInitcodeBytes() - lensCodeBytes;
        if (room <= 32L * 10) throw new ReadBudgetExceededException("the lens code alone fills maxInitcodeBytes");
        int forSize = (int) Math.ceil(argBytes / (double) room);
        int needed = Math.max(1, Math.max(forGas, forSize));
        if (needed > options.maxCallsPerBlock()) {
            if (forSize > options.maxCallsPerBlock()) {
                throw new ReadBudgetExceededException(items + " vaults/pools need " + forSize
                        + " lens calls for creation-code size alone; rpc.maxReadCallsPerBlock is " + options.maxCallsPerBlock());
            }
            log.warn("{} vaults/pools at ~{} gas each would need {} calls of {} gas; using the ceiling of {} (raise "
                    + "rpc.maxReadCallsPerBlock, or rpc.callGasLimit up to the node's eth_call gas cap)", items,
                    gasPerItem, needed, options.callGasLimit(), options.maxCallsPerBlock());
            return options.maxCallsPerBlock();
        }
        return needed;
    }

    private void learn(long gasUsed, int items) {
        if (items == 0) return;
        gasPerItem = Math.max(1, gasUsed / items + 1);
    }

    long gasPerItem() {
        return gasPerItem;
    }

    /** Gas each lens call pays beyond what the lens reports: its creation's intrinsic gas and the arguments' header. */
    public long callOverheadGas() {
        return callOverheadGas;
    }

    /** A creation's intrinsic gas for {@code code} sent as calldata: 21,000 + 32,000, 4/16 per zero/other byte, 2 per word. */
    private static long creationIntrinsicGas(byte[] code) {
        long gas = 21_000 + 32_000 + 2L * ((code.length + 31) / 32);
        for (byte b : code) gas += b == 0 ? 4 : 16;
        return gas;
    }

    private List<byte[]> callAll(long blockNumber, List<List<VaultQuery>> vaultChunks, List<List<PoolQuery>> poolChunks) {
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < vaultChunks.size(); i++) payloads.add(initcode(vaultChunks.get(i), poolChunks.get(i)));
        String what = "VaultLens eth_call x" + payloads.size() + " at block " + blockNumber;
        return rpc.call(what, web3j -> {
            BatchRequest batch = web3j.newBatch();
            List<Long> ids = new ArrayList<>();
            for (String data : payloads) {
                Transaction tx = new Transaction(null, null, null, BigInteger.valueOf(options.callGasLimit()), null, null, data);
                Request<?, EthCall> request = web3j.ethCall(tx, block);
                ids.add(request.getId());
                batch.add(request);
            }
            BatchResponse response = batch.send();
            Map<Long, Response<?>> byId = new HashMap<>();
            for (Response<?> r : response.getResponses()) byId.put(r.getId(), r);
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Response<?> r = byId.get(ids.get(i));
                if (r == null) throw new IOException("batch response lacks call " + i);
                if (r.hasError()) {
                    var payload = LensPayload.fromErrorData(r.getError().getData());
                    if (payload.isPresent()) {
                        out.add(payload.get());
                        continue;
                    }
                    String message = "lens call " + i + " failed: " + r.getError().getCode() + " " + r.getError().getMessage();
                    String lower = r.getError().getMessage() == null ? "" : r.getError().getMessage().toLowerCase();
                    if (lower.contains("outofgas") || lower.contains("out of gas")) {
                        // the node answered: our call was too big, not the endpoint at fault (no failover)
                        throw new LensOutOfGasException(message, r.getError().getCode(), r.getError().getData());
                    }
                    if (lower.contains("revert")) {
                        throw new RpcRejectedException(message, r.getError().getCode(), r.getError().getData());
                    }
                    throw new IOException(message);
                }
                String value = ((EthCall) r).getValue();
                if (value == null || value.length() <= 2) throw new IOException("lens call " + i + " returned no data");
                out.add(Numeric.hexStringToByteArray(value));
            }
            return out;
        });
    }

    /** Creation code ++ abi.encode(address[] vaults, address[] venues, address[] pools, uint32[] windows). */
    String initcode(List<VaultQuery> vaults, List<PoolQuery> pools) {
        return lensCode + lensArguments(vaults, pools);
    }

    /** The lens's constructor arguments, hex without 0x (web3j's encoder, linear: 1-18 ms for 1,000 vaults, loaded). */
    static String lensArguments(List<VaultQuery> vaults, List<PoolQuery> pools) {
        return FunctionEncoder.encodeConstructor(List.of(
                addresses(vaults.stream().map(VaultQuery::vault).toList()),
                addresses(vaults.stream().map(v -> v.venue() == null ? ZERO_ADDRESS : v.venue()).toList()),
                addresses(pools.stream().map(PoolQuery::pool).toList()),
                new DynamicArray<>(Uint32.class, pools.stream().map(p -> new Uint32(p.twapWindow())).toList())));
    }

    private static DynamicArray<Address> addresses(List<String> addresses) {
        return new DynamicArray<>(Address.class, addresses.stream().map(Address::new).toList());
    }

    /** {@code items} in {@code parts} contiguous, nearly equal slices (some may be empty). */
    static <T> List<List<T>> split(List<T> items, int parts) {
        List<List<T>> out = new ArrayList<>();
        int size = items.size();
        for (int i = 0; i < parts; i++) {
            out.add(List.copyOf(items.subList(size * i / parts, size * (i + 1) / parts)));
        }
        return out;
    }
}
