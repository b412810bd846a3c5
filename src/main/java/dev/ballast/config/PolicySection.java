package dev.ballast.config;

import dev.ballast.config.PolicyConfig.Mode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Reads a policy mapping: the top-level defaults, or a vault's overrides on top of them. */
final class PolicySection {
    static final Set<String> KEYS = Set.of("mode", "band", "calendarInterval", "cooldown", "minTradeValue",
            "maxSlippage", "maxTradeFraction", "gasBudget");

    /** Used for every key the file leaves out. */
    static final PolicyConfig BUILT_IN = new PolicyConfig(Mode.BAND, new BigDecimal("0.05"), Duration.ofDays(7),
            Duration.ofHours(1), new BigDecimal("100"), new BigDecimal("0.005"), new BigDecimal("0.5"),
            new BigDecimal("25"));

    private PolicySection() {
    }

    static PolicyConfig read(Section s, PolicyConfig defaults, ConfigReader reader) {
        PolicyConfig p = new PolicyConfig(
                s.optional("mode", Values.oneOf(Mode.class), defaults.mode()),
                s.optional("band", Values.decimal("0", true, "0.5", false, "0.05"), defaults.band()),
                s.optional("calendarInterval", Values.duration(Duration.ofMinutes(1), Duration.ofDays(366)),
                        defaults.calendarInterval()),
                s.optional("cooldown", Values.duration(Duration.ZERO, Duration.ofDays(30)), defaults.cooldown()),
                s.optional("minTradeValue", Values.decimal("0", false, "1000000000000", false, "100"),
                        defaults.minTradeValue()),
                s.optional("maxSlippage", Values.decimal("0", true, "0.1", false, "0.005"), defaults.maxSlippage()),
                s.optional("maxTradeFraction", Values.decimal("0", true, "1", false, "0.5"),
                        defaults.maxTradeFraction()),
                s.optional("gasBudget", Values.decimal("0", true, "1000000000", false, "25"), defaults.gasBudget()));
        if (p.mode() != null && p.mode() != Mode.BAND && p.cooldown() != null && p.calendarInterval() != null
                && p.cooldown().compareTo(p.calendarInterval()) > 0) {
            reader.problem(s.path("cooldown"), Values.show(p.cooldown()), "",
                    "must not exceed calendarInterval (" + Values.show(p.calendarInterval()) + ") in "
                            + p.mode().name().toLowerCase(Locale.ROOT)
                            + " mode, or calendar rebalances could never run on time");
        }
        return p;
    }
}
