package dev.ballast.config;

import dev.ballast.config.SignerException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/** Turns a {@link SignerConfig} into web3j {@link Credentials}. No message ever contains the key or password. */
final class CredentialsLoader {
    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private CredentialsLoader() {
    }

    static Credentials load(SignerConfig signer, Function<String, String> env) {
        return switch (signer) {
            case SignerConfig.PrivateKeyEnv k -> fromKey(k.variable(), required(env, k.variable(), "private key"));
            case SignerConfig.Keystore k -> fromKeystore(k, required(env, k.passwordEnv(), "keystore password"));
        };
    }

    private static String required(Function<String, String> env, String variable, String what) {
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new SignerException(Reason.MISSING_ENV, "environment variable " + variable + " (the signer's "
                    + what + ", named in signer config) is not set");
        }
        return value;
    }

    private static Credentials fromKey(String variable, String value) {
        String key = value.strip();
        if (!HEX_KEY.matcher(key).matches()) {
            throw new SignerException(Reason.INVALID_KEY, "environment variable " + variable
                    + " does not hold a private key: expected 64 hex digits, optionally prefixed 0x (value not shown)");
        }
        BigInteger k = new BigInteger(key.startsWith("0x") ? key.substring(2) : key, 16);
        if (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new SignerException(Reason.INVALID_KEY, "environment variable " + variable
                    + " holds a number outside the secp256k1 key range (value not shown)");
        }
        return Credentials.create(key);
    }

    private static Credentials fromKeystore(SignerConfig.Keystore keystore, String password) {
        if (!Files.isRegularFile(keystore.file())) {
            throw new SignerException(Reason.KEYSTORE_NOT_FOUND, "keystore file " + keystore.file()
                    + " does not exist or is not a file");
        }
        try {
            return WalletUtils.loadCredentials(password, keystore.file().toFile());
        } catch (CipherException e) {
            throw new SignerException(Reason.WRONG_PASSWORD, "cannot decrypt keystore " + keystore.file()
                    + " with the password in " + keystore.passwordEnv() + ": wrong password or corrupt keystore");
        } catch (IOException | RuntimeException e) {
            throw new SignerException(Reason.KEYSTORE_UNREADABLE, "keystore " + keystore.file()
                    + " is not a readable JSON keystore (" + e.getClass().getSimpleName() + ")");
        }
    }
}
