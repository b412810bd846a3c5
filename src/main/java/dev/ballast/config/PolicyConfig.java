package dev.ballast.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * When and how much a vault rebalances.
 *
 * @param mode              band: trade when a weight drifts past the band; calendar: every interval; both: either
 * @param band              absolute weight drift that triggers a rebalance (0.05 = 5 percentage points)
 * @param calendarInterval  time between calendar rebalances
 * @param cooldown          minimum time between two rebalances of the vault
 * @param minTradeValue     smallest trade worth sending, in numeraire units (USD)
 * @param maxSlippage       worst accepted execution vs oracle price (0.005 = 0.5%)
 * @param maxTradeFraction  largest fraction of the vault's value moved in one rebalance
 * @param gasBudget         most a rebalance may spend on gas, in numeraire units (USD)
 */
public record PolicyConfig(Mode mode, BigDecimal band, Duration calendarInterval, Duration cooldown,
                           BigDecimal minTradeValue, BigDecimal maxSlippage, BigDecimal maxTradeFraction,
                           BigDecimal gasBudget) {

    public enum Mode { BAND, CALENDAR, BOTH }
}
