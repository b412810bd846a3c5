package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.config.KeeperConfig;
import java.time.Clock;

/**
 * What every operator command on proposals and holds starts with: the config's journal (the shared PostgreSQL one
 * when {@code journal.url} is set, so every keeper sees what the operator did) opened for its approval tables, and who
 * is acting, as journaled beside each action.
 */
record OperatorDesk(KeeperConfig config, ApprovalJournal journal, String who) implements AutoCloseable {
    static OperatorDesk open(KeeperConfig config) {
        return new OperatorDesk(config, ApprovalJournal.open(config.journalTarget(), Clock.systemUTC()), Operator.who(config));
    }

    @Override
    public void close() {
        journal.close();
    }
}
