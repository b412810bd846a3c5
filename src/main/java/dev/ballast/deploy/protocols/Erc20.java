package dev.ballast.deploy.protocols;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

/** The few ERC-20 calls the protocol fixtures make; {@link #mint} only on the open-mint MockERC20 of dev chains. */
public final class Erc20 {
    private Erc20() {}

    public static BigInteger balanceOf(RawChain chain, String token, String owner) throws IOException {
        return chain.uint(token, "balanceOf", new Address(owner));
    }

    public static void mint(RawChain chain, String token, String to, BigInteger amount) throws IOException {
        chain.send("mint " + token, token, "mint", new Address(to), new Uint256(amount));
    }

    public static void transfer(RawChain chain, String token, String to, BigInteger amount) throws IOException {
        chain.send("transfer " + token, token, "transfer", new Address(to), new Uint256(amount));
    }

    public static void approve(RawChain chain, String token, String spender, BigInteger amount) throws IOException {
        chain.send("approve " + token, token, "approve", new Address(spender), new Uint256(amount));
    }

    /** Sorted the way Uniswap and Balancer order a pair's tokens: by address as an unsigned number. */
    public static boolean before(String a, String b) {
        return new BigInteger(a.substring(2), 16).compareTo(new BigInteger(b.substring(2), 16)) < 0;
    }
}
