package dev.ballast.anvil;

import java.util.List;
import java.util.stream.IntStream;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * Anvil's ten funded dev accounts, derived from its well-known public test mnemonic (BIP-44 m/44'/60'/0'/0/i) rather
 * than pasted as keys. They hold test ether on local chains only: never use them anywhere else.
 */
public final class DevAccounts {
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    private static final int HARDENED = 0x80000000;
    private static final List<Credentials> ACCOUNTS = IntStream.range(0, 10).mapToObj(DevAccounts::derive).toList();

    private DevAccounts() {}

    /** The first ten dev accounts, in Anvil's order (index 0 is 0xf39F...2266). */
    public static List<Credentials> all() {
        return ACCOUNTS;
    }

    public static Credentials get(int index) {
        return ACCOUNTS.get(index);
    }

    private static Credentials derive(int index) {
        byte[] seed = MnemonicUtils.generateSeed(MNEMONIC, "");
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
        int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
    }
}
