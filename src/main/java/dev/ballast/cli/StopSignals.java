package dev.ballast.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM (systemd, Docker, Kubernetes stopping the keeper) and SIGINT (Ctrl-C) into a stop request instead of
 * the JVM's abrupt exit with status 143/130: the command then stops cleanly, lets the block in hand finish and
 * returns 0. A second signal while stopping is ignored; the stop itself is bounded.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private StopSignals() {
    }

    static void onStop(Runnable requestStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    log.info("SIG{} received: stopping (the block in hand may finish first)", signal.getName());
                    requestStop.run();
                });
            } catch (IllegalArgumentException unsupported) {
                // this platform or JVM option (-Xrs) reserves the signal: the JVM's default handling stays
                log.debug("cannot handle SIG{}: {}", name, unsupported.getMessage());
            }
        }
    }
}
