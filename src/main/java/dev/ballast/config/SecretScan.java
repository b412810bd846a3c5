package dev.ballast.config;

import java.util.regex.Pattern;

/**
 * Spots values that look like secrets so the loader can refuse them without repeating them. No configuration value
 * is 32 bytes of hex or a word list, so false positives would themselves be mistakes.
 */
final class SecretScan {
    private static final Pattern HEX_KEY = Pattern.compile("(0x|0X)?[0-9a-fA-F]{64}");
    private static final Pattern WORDS = Pattern.compile("[a-z]+( [a-z]+){11,23}");

    record Finding(String message) {
    }

    private SecretScan() {
    }

    /** null when the value looks harmless. */
    static Finding scan(String value) {
        String v = value.strip();
        if (HEX_KEY.matcher(v).matches()) {
            return new Finding("looks like a private key (64 hex digits); keys never go in the config file: put it"
                    + " in an environment variable and name that variable in signer.privateKeyEnv (value not shown)");
        }
        if (WORDS.matcher(v).matches()) {
            int words = v.split(" ").length;
            if (words % 3 == 0) {
                return new Finding("looks like a " + words + "-word seed phrase; secrets never go in the config"
                        + " file (value not shown)");
            }
        }
        return null;
    }
}
