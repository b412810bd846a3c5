package dev.ballast.journal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the journal lives: an embedded SQLite file (the default, one keeper) or a PostgreSQL database that several
 * keepers share. Credentials never come from the config file: they are read from the environment.
 */
public sealed interface JournalTarget {
    /** User name variable; {@code PGUSER} is read when it is unset. */
    String USER_VARIABLE = "BALLAST_JOURNAL_USER";
    /** Password variable; {@code PGPASSWORD} is read when it is unset. */
    String PASSWORD_VARIABLE = "BALLAST_JOURNAL_PASSWORD";

    /** What to print in logs: never a password. */
    String display();

    record Sqlite(Path file) implements JournalTarget {
        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String display() {
            return file.toString();
        }
    }

    /**
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?...}, no credentials in it
     * @param user     from the environment, may be null (the driver then uses its defaults)
     * @param password from the environment, may be null (trust or peer authentication)
     */
    record Postgres(String jdbcUrl, String user, String password) implements JournalTarget {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }

        @Override
        public String display() {
            return jdbcUrl + (user == null ? "" : " as " + user);
        }

        @Override
        public String toString() {
            return "Postgres[" + display() + "]"; // the record's own toString would print the password
        }
    }

    /**
     * Parses {@code journal.url}: {@code postgresql://host[:port]/database[?param=value...]}. A URL carrying a user
     * or password is refused: a password in a config file ends up in backups and repositories.
     *
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    static Postgres postgres(String url, Map<String, String> env) {
        String text = url.strip();
        if (text.startsWith("jdbc:")) text = text.substring("jdbc:".length());
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only postgresql://host:port/database is supported, got "
                    + uri.getScheme() + "://");
        }
        if (uri.getRawUserInfo() != null || hasParam(uri, "password") || hasParam(uri, "user")) {
            throw new IllegalArgumentException("must not carry a user or password (it would end up in backups and repositories); set " + USER_VARIABLE
                    + " and " + PASSWORD_VARIABLE + " (or PGUSER/PGPASSWORD) in the environment");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("no host in " + url.strip());
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("no database name (postgresql://host:port/database)");
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Postgres(jdbc, first(env, USER_VARIABLE, "PGUSER"), first(env, PASSWORD_VARIABLE, "PGPASSWORD"));
    }

    private static boolean hasParam(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) return false;
        for (String kv : q.split("&")) {
            if (kv.split("=", 2)[0].equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private static String first(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        if (v == null || v.isEmpty()) v = env.get(fallback);
        return v == null || v.isEmpty() ? null : v;
    }
}
