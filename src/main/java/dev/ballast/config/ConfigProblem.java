package dev.ballast.config;

/**
 * One thing wrong with the configuration.
 *
 * @param path     the key path, e.g. {@code vaults[1].policy.band}
 * @param value    the offending value as written, {@code null} when absent, or a placeholder when hidden
 * @param origin   where the value came from: "line 12", "env BALLAST_GAS_MAX_FEE_GWEI", or "" when absent
 * @param message  what is wrong and what is allowed
 */
public record ConfigProblem(String path, String value, String origin, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(path.isEmpty() ? "(top level)" : path);
        if (value != null) {
            sb.append(" = ").append(value);
        }
        if (!origin.isEmpty()) {
            sb.append(" (").append(origin).append(')');
        }
        return sb.append(": ").append(message).toString();
    }
}
