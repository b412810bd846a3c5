package dev.ballast.bench;

import dev.ballast.cli.BallastCli;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The main class of a keeper JVM that a benchmark starts: runs {@code ballast <args>} and exits as soon as the
 * benchmark's JVM is gone, so that a benchmark killed with SIGKILL (no shutdown hook runs) leaves no keeper behind
 * reading a dead Anvil and heartbeating into the journal. Two signals, either suffices: standard input (a pipe from the
 * parent) reaches end of file when the parent dies, and the parent's process id stops being alive. A frozen keeper
 * (SIGSTOP, as the failover bench does) is left alone: it checks nothing while stopped and exits once resumed if its
 * parent has died meanwhile.
 */
public final class ParentBoundMain {
    /** Exit status when the parent disappeared (128 + SIGHUP, as a shell's child of a closed terminal). */
    static final int ORPHANED = 129;

    private ParentBoundMain() {}

    public static void main(String[] args) {
        bindTo(ProcessHandle.current().parent().orElse(null), System.in, why -> {
            System.err.println("ballast: exiting because " + why);
            System.exit(ORPHANED);
        });
        BallastCli.main(args);
    }

    /** Calls {@code orphaned} (with the reason) once {@code parent} ends or {@code lifeline} reaches end of file. */
    static void bindTo(ProcessHandle parent, InputStream lifeline, Consumer<String> orphaned) {
        if (parent == null || !parent.isAlive()) {
            orphaned.accept("its parent was already gone at start");
            return;
        }
        parent.onExit().thenRun(() -> orphaned.accept("its parent process " + parent.pid() + " exited"));
        Thread watcher = new Thread(() -> {
            try {
                while (lifeline.read() != -1) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is as good as end of file
            }
            orphaned.accept("its standard input (the parent's pipe) closed");
        }, "parent-lifeline");
        watcher.setDaemon(true);
        watcher.start();
    }
}
