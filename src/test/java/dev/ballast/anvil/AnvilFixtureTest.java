package dev.ballast.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.DefaultBlockParameterName;

@ExtendWith(AnvilExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnvilFixtureTest {
    private static final BigInteger NEW_BALANCE = BigInteger.valueOf(12345);

    @Test
    @Order(1)
    void answersOnChain31337WithFundedDevAccounts(AnvilChain chain) throws Exception {
        assertThat(chain.web3j().ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(31337));
        assertThat(chain.account(0).getAddress()).isEqualToIgnoringCase("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(chain.account(1).getAddress()).isEqualToIgnoringCase("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        BigInteger balance = chain.web3j()
                .ethGetBalance(chain.account(0).getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getBalance();
        assertThat(balance).isGreaterThan(BigInteger.TEN.pow(21));
    }

    @Test
    @Order(2)
    void changesMadeByOneTest(AnvilChain chain) throws Exception {
        chain.rpc().setBalance(chain.account(5).getAddress(), NEW_BALANCE);
        chain.rpc().mine(3);
        assertThat(balanceOf5(chain)).isEqualTo(NEW_BALANCE);
    }

    @Test
    @Order(3)
    void areRevertedBeforeTheNext(AnvilChain chain) throws Exception {
        assertThat(balanceOf5(chain)).isNotEqualTo(NEW_BALANCE);
        assertThat(chain.web3j().ethBlockNumber().send().getBlockNumber()).isEqualTo(BigInteger.ZERO);
    }

    private static BigInteger balanceOf5(AnvilChain chain) throws Exception {
        return chain.web3j()
                .ethGetBalance(chain.account(5).getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getBalance();
    }
}
