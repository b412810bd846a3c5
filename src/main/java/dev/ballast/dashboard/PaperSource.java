package dev.ballast.dashboard;

import dev.ballast.paper.PaperConfig;
import dev.ballast.policy.PolicyParams;
import java.nio.file.Path;
import java.util.List;

/**
 * The paper runs the dashboard shows beside the live vaults (issue 19): the journal file holding the paper ledger
 * (paper.yaml's {@code journal}, opened read-only), the gas model and each paper vault's name and policy, copied out
 * of paper.yaml by the CLI so the report's backtest comparison runs the same policy as {@code ballast paper report}.
 */
public record PaperSource(Path journal, PaperConfig.Gas gas, List<Vault> vaults) {
    public PaperSource {
        vaults = List.copyOf(vaults);
    }

    /** A paper vault: its ledger name and the policy it runs (its band is the drift chart's band). */
    public record Vault(String name, PolicyParams policy) {}
}
