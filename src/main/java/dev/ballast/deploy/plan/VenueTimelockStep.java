package dev.ballast.deploy.plan;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Allow-lists a pool venue on a vault, which only the vault's timelock can do: propose(setVenue) now, execute after
 * the delay. On the dev chain the clock is moved past the delay at once. Elsewhere the proposal is recorded and the
 * step waits: a re-run after the ETA executes it (or the owner sends the printed execute call).
 */
final class VenueTimelockStep extends Step {
    static final String CHANGE_PROPOSED = Hash.sha3String("ChangeProposed(bytes32,bytes,uint256,uint256)");

    private final String vaultId;
    private final String venueId;

    VenueTimelockStep(String vault, String pool) {
        super("vault." + vault + ".venue." + pool);
        this.vaultId = "vault." + vault;
        this.venueId = "venue." + pool;
    }

    @Override
    String describe() {
        return "allow-list " + venueId + " on " + vaultId + " (timelocked: propose, then execute after the delay)";
    }

    private String setVenue(Context c) {
        return Abi.call("setVenue", Abi.address(c.require(venueId)), new Bool(true));
    }

    @Override
    Status status(Context c) throws IOException {
        if (c.address(vaultId).isEmpty() || c.address(venueId).isEmpty()) return Status.MISSING;
        String vault = c.require(vaultId);
        if (Abi.word(c.chain.call(vault, Abi.call("isVenue", Abi.address(c.require(venueId)))), 0).orElse(BigInteger.ZERO).signum() > 0) {
            return Status.DONE;
        }
        Map<String, String> pending = pending(c);
        if (pending == null) return Status.MISSING;
        long eta = Long.parseLong(pending.get("eta"));
        long now = c.chain.latestTimestamp();
        if (now >= eta || c.chain.devChain()) return new Status(State.MISSING, "proposed (nonce " + pending.get("nonce") + "), execute now");
        return new Status(State.WAITING, waitingNote(c, vault, pending));
    }

    /** The recorded proposal, if it is still pending on chain. */
    private Map<String, String> pending(Context c) throws IOException {
        DeploymentRecord.Item item = c.record.get(id);
        if (item == null || item.pending() == null || item.pending().isEmpty()) return null;
        // the vault's proposal id: keccak256(abi.encode(call, nonce)), which is exactly a constructor-style encoding
        String proposal = Hash.sha3("0x" + org.web3j.abi.FunctionEncoder.encodeConstructor(java.util.List.of(
                new DynamicBytes(Numeric.hexStringToByteArray(item.pending().get("call"))),
                new org.web3j.abi.datatypes.generated.Uint256(new BigInteger(item.pending().get("nonce"))))));
        BigInteger eta = Abi.word(c.chain.call(c.require(vaultId), Abi.call("pendingEta",
                new org.web3j.abi.datatypes.generated.Bytes32(Numeric.hexStringToByteArray(proposal)))), 0).orElse(BigInteger.ZERO);
        return eta.signum() > 0 ? item.pending() : null;
    }

    private static String waitingNote(Context c, String vault, Map<String, String> pending) {
        return "proposed; executable from " + Instant.ofEpochSecond(Long.parseLong(pending.get("eta")))
                + " (for 14 days). Re-run this command after that time, or have the vault owner send: cast send " + vault
                + " \"execute(bytes,uint256)\" " + pending.get("call") + " " + pending.get("nonce");
    }

    @Override
    Gas gas(Context c) {
        return Gas.fixed(GasFigures.PROPOSE + GasFigures.EXECUTE);
    }

    @Override
    void run(Context c) throws IOException {
        String vault = c.require(vaultId);
        Map<String, String> pending = pending(c);
        if (pending == null) pending = propose(c, vault);
        long eta = Long.parseLong(pending.get("eta"));
        long now = c.chain.latestTimestamp();
        if (now < eta) {
            if (!c.chain.devChain()) {
                c.out.println("  waiting: " + waitingNote(c, vault, pending));
                return;
            }
            c.out.println("  dev chain: moving time forward " + (eta - now) + " s past the timelock");
            c.chain.advanceTime(eta - now);
        }
        ChainClient.Landed landed = c.chain.send("execute the venue allow-listing on " + vaultId, vault,
                Abi.call("execute", new DynamicBytes(Numeric.hexStringToByteArray(pending.get("call"))),
                        new org.web3j.abi.datatypes.generated.Uint256(new BigInteger(pending.get("nonce")))));
        c.record.put(id, new DeploymentRecord.Item("timelocked setVenue", null, landed.hash(), landed.block(),
                Map.of("venue", c.require(venueId)), null));
    }

    private Map<String, String> propose(Context c, String vault) throws IOException {
        String call = setVenue(c);
        ChainClient.Landed landed = c.chain.send("propose the venue allow-listing on " + vaultId, vault,
                Abi.call("propose", new DynamicBytes(Numeric.hexStringToByteArray(call))));
        for (Log log : landed.logs()) {
            if (!log.getTopics().isEmpty() && log.getTopics().getFirst().equalsIgnoreCase(CHANGE_PROPOSED)) {
                BigInteger nonce = Abi.word(java.util.Optional.of(log.getData()), 1).orElseThrow();
                BigInteger eta = Abi.word(java.util.Optional.of(log.getData()), 2).orElseThrow();
                Map<String, String> pending = new LinkedHashMap<>();
                pending.put("call", call);
                pending.put("nonce", nonce.toString());
                pending.put("eta", eta.toString());
                pending.put("proposeTx", landed.hash());
                c.record.put(id, new DeploymentRecord.Item("timelocked setVenue", null, null, null,
                        Map.of("venue", c.require(venueId)), pending));
                return pending;
            }
        }
        throw new DeployException("propose on " + vault + ": no ChangeProposed event in the receipt");
    }

    @Override
    int transactions() {
        return 2;
    }
}
