package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.approval.SentSettlement;
import dev.ballast.policy.Leg;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code proposals} and {@code reject}: the journal's proposals (vaults in {@code mode: propose}). */
final class ProposalCommands {
    private ProposalCommands() {}

    @Command(name = "proposals", mixinStandardHelpOptions = true,
            description = {"Lists the keeper's rebalance proposals, newest first: legs, expected and oracle-implied output,",
                    "gas, expiry, Safe signatures and status (an OPEN one past its expiry time shows as OPEN*). A SENT one",
                    "whose transaction the journal now holds a receipt for is first moved to EXECUTED (or FAILED if it reverted)."})
    static final class List_ implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Option(names = "-n", paramLabel = "N", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "One JSON array instead of the table.") boolean json;

        @Override
        public Integer call() throws Exception {
            if (limit < 1) throw new UserInputException("-n: must be at least 1, not " + limit);
            try (OperatorDesk desk = OperatorDesk.open(options.load())) {
                ApprovalJournal journal = desk.journal();
                // approve leaves a proposal SENT when its transaction was not final yet; settle it now
                List<String> settled = SentSettlement.settle(journal);
                if (!json) settled.forEach(System.out::println);
                List<Proposal> all = journal.recent(limit);
                if (json) {
                    System.out.println(toJson(journal, all));
                    return 0;
                }
                if (all.isEmpty()) {
                    System.out.println("no proposals in " + desk.config().journalTarget().display());
                    return 0;
                }
                System.out.printf("%-5s %-16s %-9s %-9s %-10s %-40s %s%n", "ID", "VAULT", "BLOCK", "STATUS", "SIGS",
                        "EXPIRES", "LEGS (sell -> expected out / oracle out) GAS");
                Instant now = Instant.now();
                for (Proposal p : all) {
                    String status = p.status() == ProposalStatus.OPEN && now.isAfter(p.expiresAt()) ? "OPEN*" : p.status().name();
                    String sigs = p.safe().isEmpty() ? "-" : journal.signatures(p.id()).size() + " sig(s)";
                    System.out.printf("%-5d %-16s %-9d %-9s %-10s %-40s %s gas %s%n", p.id(), p.vaultName(), p.block(), status,
                            sigs, "block " + p.expiresBlock() + " / " + p.expiresAt(), legs(p), p.gasLimit());
                }
                return 0;
            }
        }

        private static String legs(Proposal p) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < p.legs().size(); i++) {
                Leg l = p.legs().get(i);
                if (i > 0) out.append("; ");
                out.append(l.sellAmount()).append(' ').append(l.sellAsset()).append(" -> ").append(p.expectedOut().get(i))
                        .append(" / ").append(p.oracleOut().get(i)).append(' ').append(l.buyAsset());
            }
            return out.toString();
        }

        private static String toJson(ApprovalJournal journal, List<Proposal> all) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (Proposal p : all) {
                ObjectNode o = array.addObject();
                o.put("id", p.id()).put("vault", p.vault()).put("vaultName", p.vaultName()).put("block", p.block())
                        .put("status", p.status().name()).put("gasLimit", p.gasLimit().toString())
                        .put("expiresBlock", p.expiresBlock()).put("expiresAt", p.expiresAt().toString())
                        .put("createdAt", p.createdAt().toString()).put("calldata", p.calldata());
                ArrayNode legs = o.putArray("legs");
                for (int i = 0; i < p.legs().size(); i++) {
                    Leg l = p.legs().get(i);
                    legs.addObject().put("sellAsset", l.sellAsset()).put("sellAmount", l.sellAmount().toString())
                            .put("buyAsset", l.buyAsset()).put("minBuyAmount", l.minBuyAmount().toString())
                            .put("expectedOut", p.expectedOut().get(i).toString())
                            .put("oracleOut", p.oracleOut().get(i).toString());
                }
                if (p.safe().isPresent()) {
                    o.putObject("safe").put("address", p.safe().get().address()).put("nonce", p.safe().get().nonce().toString())
                            .put("safeTxHash", p.safe().get().safeTxHash())
                            .putPOJO("signers", List.copyOf(journal.signatures(p.id()).keySet()));
                }
                if (p.statusReason() != null) o.put("statusReason", p.statusReason());
                if (p.statusBy() != null) o.put("statusBy", p.statusBy());
                if (p.txHash() != null) o.put("txHash", p.txHash());
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"Rejects an open proposal (journaled with who and why); the keeper may propose afresh at its next",
                    "block. Exit codes: 0 rejected, 2 bad input (unknown ID, not OPEN)."})
    static final class Reject implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Parameters(paramLabel = "ID", description = "Proposal id (see `ballast proposals`).") long id;
        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "rejected by an operator",
                description = "Why (journaled; default: ${DEFAULT-VALUE}).")
        String reason;

        @Override
        public Integer call() {
            try (OperatorDesk desk = OperatorDesk.open(options.load())) {
                Proposal p = Operator.open(Operator.proposal(desk.journal(), desk.config(), id));
                if (!desk.journal().transition(p.id(), ProposalStatus.OPEN, ProposalStatus.REJECTED, reason, desk.who(), null)) {
                    throw new UserInputException("ID: proposal #" + id + " stopped being OPEN meanwhile");
                }
                System.out.println("proposal #" + id + " (" + p.vaultName() + ") rejected by " + desk.who() + ": " + reason);
                return 0;
            }
        }
    }
}
