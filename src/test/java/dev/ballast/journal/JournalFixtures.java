package dev.ballast.journal;

import java.math.BigInteger;

final class JournalFixtures {
    static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final String OTHER_VAULT = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    static final String SENDER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private JournalFixtures() {
    }

    /** A distinct, valid-looking hash per seed. */
    static String hash(int seed) {
        return "0x" + String.format("%064x", seed);
    }

    static TxIntent intent(Long decisionId, String vault, long nonce, int hashSeed, long maxFeeGwei) {
        return new TxIntent(decisionId, vault, SENDER, nonce, hash(hashSeed), "0x02f8" + String.format("%04x", hashSeed),
                BigInteger.valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9)), BigInteger.TWO.pow(70));
    }

    static TxReceipt receipt(long block, boolean success) {
        return new TxReceipt(block, hash(1_000_000 + (int) block), success, BigInteger.valueOf(210_000));
    }
}
