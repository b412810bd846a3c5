package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A benchmark's keeper JVM notices its parent is gone, by either signal, and only then. */
class ParentBoundMainTest {
    @Test
    void theParentProcessEndingOrphansTheChild() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try (PipedOutputStream pipe = new PipedOutputStream(); InputStream lifeline = new PipedInputStream(pipe)) {
            CompletableFuture<String> orphaned = new CompletableFuture<>();
            ParentBoundMain.bindTo(parent.toHandle(), lifeline, orphaned::complete);
            Thread.sleep(300);
            assertThat(orphaned).as("parent alive, pipe open").isNotDone();
            parent.destroyForcibly(); // SIGKILL: what the bench's JVM gets from kill -9
            assertThat(orphaned.get(10, TimeUnit.SECONDS)).contains("parent process " + parent.pid() + " exited");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void theLifelineClosingOrphansTheChild() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try {
            PipedOutputStream pipe = new PipedOutputStream();
            CompletableFuture<String> orphaned = new CompletableFuture<>();
            ParentBoundMain.bindTo(parent.toHandle(), new PipedInputStream(pipe), orphaned::complete);
            pipe.write(1); // anything the parent writes is ignored
            Thread.sleep(300);
            assertThat(orphaned).isNotDone();
            pipe.close();
            assertThat(orphaned.get(10, TimeUnit.SECONDS)).contains("standard input");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aParentAlreadyGoneOrphansTheChildAtOnce() throws Exception {
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        CompletableFuture<String> orphaned = new CompletableFuture<>();
        ParentBoundMain.bindTo(parent.toHandle(), InputStream.nullInputStream(), orphaned::complete);
        assertThat(orphaned.getNow("not yet")).contains("already gone");
    }
}
