package dev.ballast.deploy.plan;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One round of a vault's timelock: the changes only it can make (take its router, allow a venue, add keepers, hand the
 * vault to its owner), all proposed together, all executed in order once the delay has passed, so a deployment waits
 * the delay once. On the dev chain the clock is moved past the delay at once. Elsewhere the proposals are recorded
 * and the step waits: a re-run after the ETA executes them (or the owner sends the printed execute calls).
 */
final class TimelockStep extends Step {
    static final String CHANGE_PROPOSED = Hash.sha3String("ChangeProposed(bytes32,address,bytes,uint256,uint256)");

    /** Whether a change is in force on chain. */
    interface Done {
        boolean check(Context c, String vault) throws IOException;
    }

    /**
     * One change of the round.
     *
     * @param targetId the deployment item the vault calls: the vault itself or its router
     */
    record Change(String label, String targetId, CallStep.Data call, Done done) {}

    private final String vaultId;
    private final List<Change> changes;
    private final Map<String, String> spec;

    TimelockStep(String vaultId, List<Change> changes, Map<String, String> spec) {
        super(vaultId + ".timelock");
        this.vaultId = vaultId;
        this.changes = List.copyOf(changes);
        this.spec = spec;
    }

    @Override
    String describe() {
        return "through " + vaultId + "'s timelock (propose, execute after the delay): "
                + String.join("; ", changes.stream().map(Change::label).toList());
    }

    @Override
    Map<String, String> spec() {
        return spec;
    }

    @Override
    Status status(Context c) throws IOException {
        if (c.address(vaultId).isEmpty()) return Status.MISSING;
        List<Integer> open = open(c);
        if (open.isEmpty()) return Status.DONE;
        Map<String, String> pending = pending(c);
        for (int i : open) {
            if (!pending.containsKey(i + ".nonce")) return Status.MISSING;
        }
        long eta = latestEta(pending, open);
        if (c.chain.latestTimestamp() >= eta || c.chain.devChain()) return new Status(State.MISSING, "proposed, execute now");
        return new Status(State.WAITING, waitingNote(c, pending, open, eta));
    }

    /** Indices of the changes not yet in force. */
    private List<Integer> open(Context c) throws IOException {
        String vault = c.require(vaultId);
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            if (!changes.get(i).done().check(c, vault)) open.add(i);
        }
        return open;
    }

    /** The recorded proposals ("i.target", "i.call", "i.nonce", "i.eta") that are still pending on chain. */
    private Map<String, String> pending(Context c) throws IOException {
        DeploymentRecord.Item item = c.record.get(id);
        Map<String, String> out = new LinkedHashMap<>();
        if (item == null || item.pending() == null) return out;
        Map<String, String> recorded = item.pending();
        for (int i = 0; i < changes.size(); i++) {
            if (!recorded.containsKey(i + ".nonce")) continue;
            // the vault's proposal id: keccak256(abi.encode(target, call, nonce)), exactly a constructor-style encoding
            String proposal = Hash.sha3("0x" + FunctionEncoder.encodeConstructor(List.of(
                    Abi.address(recorded.get(i + ".target")),
                    new DynamicBytes(Numeric.hexStringToByteArray(recorded.get(i + ".call"))),
                    new Uint256(new BigInteger(recorded.get(i + ".nonce"))))));
            BigInteger eta = Abi.word(c.chain.call(c.require(vaultId), Abi.call("pendingEta",
                    new Bytes32(Numeric.hexStringToByteArray(proposal)))), 0).orElse(BigInteger.ZERO);
            if (eta.signum() == 0) continue;
            for (String k : List.of("target", "call", "nonce", "eta")) out.put(i + "." + k, recorded.get(i + "." + k));
        }
        return out;
    }

    private static long latestEta(Map<String, String> pending, List<Integer> open) {
        long eta = 0;
        for (int i : open) eta = Math.max(eta, Long.parseLong(pending.get(i + ".eta")));
        return eta;
    }

    private String waitingNote(Context c, Map<String, String> pending, List<Integer> open, long eta) {
        StringBuilder sb = new StringBuilder("proposed; executable from " + Instant.ofEpochSecond(eta)
                + " (for 14 days). Re-run this command after that time, or have the vault owner send, in this order:");
        for (int i : open) {
            sb.append("\n    cast send ").append(c.require(vaultId)).append(" \"execute(address,bytes,uint256)\" ")
                    .append(pending.get(i + ".target")).append(' ').append(pending.get(i + ".call")).append(' ')
                    .append(pending.get(i + ".nonce"));
        }
        return sb.toString();
    }

    @Override
    Gas gas(Context c) {
        return Gas.fixed((GasFigures.PROPOSE + GasFigures.EXECUTE) * changes.size());
    }

    @Override
    void run(Context c) throws IOException {
        String vault = c.require(vaultId);
        List<Integer> open = open(c);
        Map<String, String> pending = pending(c);
        for (int i : open) {
            if (!pending.containsKey(i + ".nonce")) propose(c, vault, i, pending);
        }
        c.record.put(id, new DeploymentRecord.Item("timelock round", null, null, null, spec, pending));
        long eta = latestEta(pending, open);
        long now = c.chain.latestTimestamp();
        if (now < eta) {
            if (!c.chain.devChain()) {
                c.out.println("  waiting: " + waitingNote(c, pending, open, eta));
                return;
            }
            c.out.println("  dev chain: moving time forward " + (eta - now) + " s past the timelock");
            c.chain.advanceTime(eta - now);
        }
        ChainClient.Landed last = null;
        for (int i : open) {
            last = c.chain.send("execute: " + changes.get(i).label(), vault, Abi.call("execute",
                    Abi.address(pending.get(i + ".target")),
                    new DynamicBytes(Numeric.hexStringToByteArray(pending.get(i + ".call"))),
                    new Uint256(new BigInteger(pending.get(i + ".nonce")))));
        }
        c.record.put(id, new DeploymentRecord.Item("timelock round", null, last == null ? null : last.hash(),
                last == null ? null : last.block(), spec, null));
    }

    private void propose(Context c, String vault, int i, Map<String, String> pending) throws IOException {
        Change change = changes.get(i);
        String target = c.require(change.targetId());
        String data = change.call().encode(c);
        ChainClient.Landed landed = c.chain.send("propose: " + change.label(), vault,
                Abi.call("propose", Abi.address(target), new DynamicBytes(Numeric.hexStringToByteArray(data))));
        for (Log log : landed.logs()) {
            if (!log.getTopics().isEmpty() && log.getTopics().getFirst().equalsIgnoreCase(CHANGE_PROPOSED)) {
                // target and id are indexed; the data is (bytes call, uint256 nonce, uint256 eta)
                pending.put(i + ".target", target);
                pending.put(i + ".call", data);
                pending.put(i + ".nonce", Abi.word(Optional.of(log.getData()), 1).orElseThrow().toString());
                pending.put(i + ".eta", Abi.word(Optional.of(log.getData()), 2).orElseThrow().toString());
                return;
            }
        }
        throw new DeployException("propose on " + vault + ": no ChangeProposed event in the receipt");
    }

    @Override
    int transactions() {
        return 2 * changes.size();
    }
}
