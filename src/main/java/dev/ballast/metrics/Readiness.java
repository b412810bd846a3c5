package dev.ballast.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.chain.FailoverRpc;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * What /readyz checks: the chain answers, the keeper's last handled head is within {@code maxHeadLag} blocks of it,
 * the journal can be written, and the signer can pay for gas. Each check says what is wrong in words an operator can
 * act on; the node's URL never appears (FailoverRpc scrubs it).
 */
public final class Readiness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FailoverRpc rpc;
    private final String signer;
    private final Path journal;
    private final LongSupplier keeperHead;
    private final long maxHeadLag;
    private final BigInteger minBalance;

    public Readiness(FailoverRpc rpc, String signer, Path journal, LongSupplier keeperHead, long maxHeadLag,
            BigInteger minBalance) {
        this.rpc = rpc;
        this.signer = signer;
        this.journal = journal;
        this.keeperHead = keeperHead;
        this.maxHeadLag = maxHeadLag;
        this.minBalance = minBalance;
    }

    /** One named check and, when it fails, why. */
    public record Check(String name, boolean ok, String detail) {}

    /** All checks; {@code chainHead} and {@code signerBalance} when the chain answered. */
    public record Report(List<Check> checks, Optional<Long> chainHead, Optional<BigInteger> signerBalance) {
        public boolean ready() {
            return checks.stream().allMatch(Check::ok);
        }

        public List<Check> failing() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }

        /** {"ready":false,"checks":[{"name":"chain","ok":false,"detail":"..."}, ...]} */
        public String json() {
            var body = new LinkedHashMap<String, Object>();
            body.put("ready", ready());
            body.put("checks", checks);
            try {
                return JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Report check() {
        List<Check> checks = new ArrayList<>();
        Optional<Long> head = Optional.empty();
        Optional<BigInteger> balance = Optional.empty();
        try {
            head = Optional.of(rpc.send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact());
            checks.add(new Check("chain", true, "head " + head.get()));
        } catch (RuntimeException e) {
            checks.add(new Check("chain", false, "no RPC endpoint answers: " + firstLine(e.getMessage())));
        }
        long handled = keeperHead.getAsLong();
        if (head.isEmpty()) {
            checks.add(new Check("head", false, "chain head unknown (the chain does not answer)"));
        } else if (handled < 0) {
            checks.add(new Check("head", false, "the keeper has not handled a block yet"));
        } else {
            long lag = head.get() - handled;
            checks.add(new Check("head", lag <= maxHeadLag, lag <= maxHeadLag ? "last handled block " + handled
                    : "last handled block " + handled + " is " + lag + " blocks behind the chain head " + head.get()
                            + " (at most " + maxHeadLag + " allowed)"));
        }
        checks.add(journalCheck());
        if (head.isPresent()) {
            try {
                balance = Optional.of(rpc.send("eth_getBalance", w -> w.ethGetBalance(signer,
                        DefaultBlockParameterName.LATEST)).getBalance());
                boolean funded = balance.get().compareTo(minBalance) >= 0;
                checks.add(new Check("signer", funded, "signer " + signer + " holds " + ether(balance.get())
                        + (funded ? "" : ", below the minimum " + ether(minBalance)) + " (native token)"));
            } catch (RuntimeException e) {
                checks.add(new Check("signer", false, "signer balance unreadable: " + firstLine(e.getMessage())));
            }
        } else {
            checks.add(new Check("signer", false, "signer balance unknown (the chain does not answer)"));
        }
        return new Report(List.copyOf(checks), head, balance);
    }

    private Check journalCheck() {
        Path dir = journal.toAbsolutePath().getParent();
        if (Files.exists(journal) && !Files.isWritable(journal)) {
            return new Check("journal", false, "journal " + journal + " is not writable");
        }
        if (dir == null || !Files.isWritable(dir)) {
            return new Check("journal", false, "journal folder " + dir + " is not writable (SQLite needs its WAL there)");
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < 16L << 20) return new Check("journal", false, "only " + free + " bytes free next to the journal");
        } catch (IOException e) {
            return new Check("journal", false, "journal folder unreadable: " + e.getMessage());
        }
        return new Check("journal", true, journal.toString());
    }

    private static String ether(BigInteger wei) {
        return new BigDecimal(wei, 18).stripTrailingZeros().toPlainString();
    }

    private static String firstLine(String s) {
        if (s == null) return "(no message)";
        return s.replace('\n', ' ').replaceAll("\\s+", " ").strip();
    }
}
