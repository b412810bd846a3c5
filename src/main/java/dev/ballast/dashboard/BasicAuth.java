package dev.ballast.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Optional HTTP basic auth for the dashboard, from the environment ({@value #USER_ENV}, {@value #PASSWORD_ENV}) so
 * the password is in no file and no process list. Compared in constant time: the header is hashed first, so neither
 * length nor content leaks through timing. Only meaningful behind TLS or on a trusted network: basic auth sends the
 * password with every request.
 */
public final class BasicAuth {
    public static final String USER_ENV = "BALLAST_DASHBOARD_USER";
    public static final String PASSWORD_ENV = "BALLAST_DASHBOARD_PASSWORD";

    private final byte[] expected;

    private BasicAuth(String user, String password) {
        this.expected = sha256("Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Auth when both variables are set, none when neither is.
     *
     * @throws IllegalArgumentException when only one is set, or the user contains ':'
     */
    public static Optional<BasicAuth> fromEnvironment(Map<String, String> env) {
        String user = env.get(USER_ENV);
        String password = env.get(PASSWORD_ENV);
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUser && !hasPassword) return Optional.empty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException(USER_ENV + " and " + PASSWORD_ENV + ": set both for basic auth, or neither");
        }
        if (user.contains(":")) throw new IllegalArgumentException(USER_ENV + ": must not contain ':'");
        return Optional.of(new BasicAuth(user, password));
    }

    /** Whether an {@code Authorization} header value carries the configured user and password. */
    public boolean accepts(String authorization) {
        return MessageDigest.isEqual(expected, sha256(authorization == null ? "" : authorization.trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
