package dev.ballast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;

class CredentialsLoaderTest {
    /** Anvil's first dev account: public test key, never used for real funds. */
    private static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String PASSWORD = "correct horse battery staple";
    @TempDir
    Path dir;

    private static SignerException failure(SignerConfig signer, Map<String, String> env, SignerException.Reason r) {
        SignerException e = catchThrowableOfType(SignerException.class, () -> signer.loadCredentials(env::get));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(r);
        assertThat(e.getMessage()).doesNotContain(KEY.substring(2)).doesNotContain(PASSWORD);
        return e;
    }

    @Test
    void keyFromEnvironment() {
        Credentials c = new SignerConfig.PrivateKeyEnv("K").loadCredentials(Map.of("K", KEY)::get);
        assertThat(c.getAddress()).isEqualTo(ADDRESS);
        Credentials noPrefix = new SignerConfig.PrivateKeyEnv("K").loadCredentials(Map.of("K", KEY.substring(2))::get);
        assertThat(noPrefix.getAddress()).isEqualTo(ADDRESS);
    }

    @Test
    void missingKeyVariable() {
        assertThat(failure(new SignerConfig.PrivateKeyEnv("K"), Map.of(), SignerException.Reason.MISSING_ENV)
                .getMessage()).isEqualTo("environment variable K (the signer's private key, named in signer config)"
                + " is not set");
    }

    @Test
    void malformedKeyIsNotEchoed() {
        String almost = KEY.substring(0, KEY.length() - 1) + "z";
        SignerException e = failure(new SignerConfig.PrivateKeyEnv("K"), Map.of("K", almost),
                SignerException.Reason.INVALID_KEY);
        assertThat(e.getMessage()).doesNotContain(almost.substring(2, 40)).contains("64 hex digits");
    }

    @Test
    void zeroAndOutOfRangeKeysAreRefused() {
        failure(new SignerConfig.PrivateKeyEnv("K"), Map.of("K", "0".repeat(64)), SignerException.Reason.INVALID_KEY);
        failure(new SignerConfig.PrivateKeyEnv("K"), Map.of("K", "f".repeat(64)), SignerException.Reason.INVALID_KEY);
    }

    /** A real keystore with tiny scrypt cost (n=16) so the test is fast; production files use n=262144. */
    private Path keystore() throws Exception {
        ECKeyPair pair = Credentials.create(KEY).getEcKeyPair();
        WalletFile wallet = Wallet.create(PASSWORD, pair, 16, 1);
        Path file = dir.resolve("keeper.json");
        new ObjectMapper().writeValue(file.toFile(), wallet);
        return file;
    }

    @Test
    void keystoreWithPassword() throws Exception {
        Credentials c = new SignerConfig.Keystore(keystore(), "PW").loadCredentials(Map.of("PW", PASSWORD)::get);
        assertThat(c.getAddress()).isEqualTo(ADDRESS);
    }

    @Test
    void wrongPassword() throws Exception {
        Path file = keystore();
        SignerException e = failure(new SignerConfig.Keystore(file, "PW"), Map.of("PW", "wrong"),
                SignerException.Reason.WRONG_PASSWORD);
        assertThat(e.getMessage()).contains(file.toString()).contains("PW").doesNotContain("wrong password:");
    }

    @Test
    void missingPasswordVariable() throws Exception {
        failure(new SignerConfig.Keystore(keystore(), "PW"), Map.of(), SignerException.Reason.MISSING_ENV);
    }

    @Test
    void missingKeystoreFile() {
        SignerException e = failure(new SignerConfig.Keystore(dir.resolve("gone.json"), "PW"), Map.of("PW", PASSWORD),
                SignerException.Reason.KEYSTORE_NOT_FOUND);
        assertThat(e.getMessage()).contains("gone.json");
    }

    @Test
    void corruptKeystore() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{not json");
        failure(new SignerConfig.Keystore(file, "PW"), Map.of("PW", PASSWORD), SignerException.Reason.KEYSTORE_UNREADABLE);
    }
}
