package dev.ballast.bench;

import dev.ballast.journal.JournalTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster for tests and benchmarks: Debian's server binaries, {@code initdb} into a temp folder and
 * {@code pg_ctl start} on a free port (TCP on 127.0.0.1, the unix socket in the folder), stopped and deleted by a
 * shutdown hook. The server refuses to run as root, so as root it runs as the {@code postgres} OS user (the folder
 * is handed to it). One cluster per JVM: {@link #shared()}; each caller takes a fresh database from it.
 */
public final class ThrowawayPostgres {
    /** Where Debian's postgresql-15 puts its binaries; BALLAST_PG_BIN overrides it. */
    private static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static ThrowawayPostgres shared;

    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private ThrowawayPostgres(Path dir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JVM's cluster, started at the first call. */
    public static synchronized ThrowawayPostgres shared() {
        if (shared == null) shared = start(false);
        return shared;
    }

    /**
     * Starts a cluster. {@code durable} keeps fsync on (latency figures comparable with SQLite's synchronous=FULL);
     * tests turn it off, a crash of the test machine loses nothing worth keeping.
     */
    public static ThrowawayPostgres start(boolean durable) {
        Path bin = Path.of(System.getenv().getOrDefault("BALLAST_PG_BIN", DEFAULT_BIN.toString()));
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("no PostgreSQL server at " + bin + " (scripts/ensure-servers.sh installs"
                    + " Debian's postgresql; BALLAST_PG_BIN names another folder)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("ballast-pg");
            ThrowawayPostgres pg = new ThrowawayPostgres(dir, freePort(), root);
            if (root) pg.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync", "-E", "UTF8"), true);
            String options = "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                    + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-o", options,
                    "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> pg.stop(bin), "pg-stop"));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database; returns its journal target (user postgres, trust authentication). */
    public JournalTarget.Postgres newDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new JournalTarget.Postgres(url(name), "postgres", null);
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void stop(Path bin) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), true);
        } catch (RuntimeException | IOException e) {
            // the JVM is exiting; the folder below is removed either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
