package dev.ballast.config;

import java.nio.file.Path;
import java.util.function.Function;
import org.web3j.crypto.Credentials;

/**
 * Where the keeper's signing key comes from. Only names of environment variables and a file path live in the
 * config; the secret itself is read by {@link #loadCredentials()} at start-up.
 */
public sealed interface SignerConfig {

    /** An encrypted JSON keystore (web3j / geth format) and the variable holding its password. */
    record Keystore(Path file, String passwordEnv) implements SignerConfig {
    }

    /** A hex private key held in an environment variable (for local Anvil and tests; prefer a keystore). */
    record PrivateKeyEnv(String variable) implements SignerConfig {
    }

    /** The signer's credentials from the process environment; see {@link CredentialsLoader} for the errors. */
    default Credentials loadCredentials() {
        return loadCredentials(System::getenv);
    }

    default Credentials loadCredentials(Function<String, String> env) {
        return CredentialsLoader.load(this, env);
    }
}
