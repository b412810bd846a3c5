package dev.ballast.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code vaults[i].mode}, {@code vaults[i].safe} and the top-level {@code approvals} section. */
final class ApprovalSection {
    static final Set<String> RULE_KEYS = Set.of("expiryBlocks", "expiry", "tolerance");
    static final Set<String> SAFE_KEYS = Set.of("address", "signAsOwner");

    private ApprovalSection() {}

    static ApprovalConfig.Rules rules(Section s) {
        ApprovalConfig.Rules d = ApprovalConfig.Rules.DEFAULTS;
        Long blocks = s.optional("expiryBlocks", Values.integer(1, 100_000), d.expiryBlocks());
        Duration expiry = s.optional("expiry", Values.duration(Duration.ofMinutes(1), Duration.ofDays(7)), d.expiry());
        BigDecimal tolerance = s.optional("tolerance", Values.decimal("0", false, "0.1", false, "0.005"), d.tolerance());
        return new ApprovalConfig.Rules(blocks == null ? d.expiryBlocks() : blocks, expiry == null ? d.expiry() : expiry,
                tolerance == null ? d.tolerance() : tolerance);
    }

    static ApprovalConfig vault(Section v, ConfigReader reader) {
        ApprovalConfig.Mode mode = v.optional("mode", Values.oneOf(ApprovalConfig.Mode.class), ApprovalConfig.Mode.SEND);
        Optional<ApprovalConfig.SafeConfig> safe = Optional.empty();
        if (v.has("safe")) {
            Section s = v.section("safe", SAFE_KEYS);
            String address = s.required("address", Values.address());
            Boolean sign = s.optional("signAsOwner", Values.bool(), false);
            if (address != null) safe = Optional.of(new ApprovalConfig.SafeConfig(address, Boolean.TRUE.equals(sign)));
            if (mode != ApprovalConfig.Mode.PROPOSE) {
                // the keeper cannot execute a Safe transaction alone: its owners approve each proposal
                reader.problem(v.path("mode"), mode == null ? null : mode.name().toLowerCase(Locale.ROOT),
                        "line " + v.line("safe"), "must be propose when safe is set (the Safe's owners approve each"
                                + " rebalance with `ballast approve ID --sign`)");
            }
        }
        return new ApprovalConfig(mode == null ? ApprovalConfig.Mode.SEND : mode, safe);
    }
}
