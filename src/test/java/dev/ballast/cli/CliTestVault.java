package dev.ballast.cli;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** The CLI tests' market: a 50/50 USDC/WETH vault on Anvil, account 0 its owner and guardian, account 1 its keeper. */
final class CliTestVault {
    private static final BigInteger HALF = BigInteger.TEN.pow(18).divide(BigInteger.TWO);

    private CliTestVault() {}

    static DevStack deploy(AnvilChain chain) throws Exception {
        return DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337),
                chain.account(0).getAddress(), chain.account(1).getAddress(),
                List.of(new DevAsset("USDC", 6, BigDecimal.ONE, HALF, HALF), new DevAsset("WETH", 18, new BigDecimal("3000"), HALF, HALF)),
                DevStack.defaultParams(new BigDecimal("0.05")), new BigDecimal("2000000"), new BigDecimal("100000"));
    }
}
