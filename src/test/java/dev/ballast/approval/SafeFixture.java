package dev.ballast.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * A real Safe v1.4.1 on Anvil, from the npm package's build artifacts (contracts/node_modules/@safe-global/
 * safe-contracts): the Safe singleton, the SafeProxyFactory, and a proxy made by {@code createProxyWithNonce} whose
 * initializer is {@code setup(owners, threshold, ...)}, exactly as the Safe apps deploy one.
 */
public record SafeFixture(String singleton, String factory, String safe) {
    static final Path ARTIFACTS = Path.of("contracts/node_modules/@safe-global/safe-contracts/build/artifacts/contracts");
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(20_000_000_000L);

    public static SafeFixture deploy(Web3j web3j, TransactionManager deployer, List<String> owners, int threshold)
            throws Exception {
        String singleton = create(web3j, deployer, bytecode("Safe.sol/Safe.json"));
        String factory = create(web3j, deployer, bytecode("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"));
        String setup = FunctionEncoder.encode(new Function("setup", List.of(
                new DynamicArray<>(Address.class, owners.stream().map(Address::new).toList()), new Uint256(threshold),
                new Address(ZERO), new DynamicBytes(new byte[0]), new Address(ZERO), new Address(ZERO), new Uint256(0),
                new Address(ZERO)), List.of()));
        Function createProxy = new Function("createProxyWithNonce", List.of(new Address(singleton),
                new DynamicBytes(Numeric.hexStringToByteArray(setup)), new Uint256(7)),
                List.of(new TypeReference<Address>() {}));
        String data = FunctionEncoder.encode(createProxy);
        String proxy = ((Address) FunctionReturnDecoder.decode(web3j.ethCall(Transaction.createEthCallTransaction(
                deployer.getFromAddress(), factory, data), DefaultBlockParameterName.LATEST).send().getValue(),
                createProxy.getOutputParameters()).getFirst()).getValue();
        TransactionReceipt r = mined(web3j, deployer.sendTransaction(GAS_PRICE, BigInteger.valueOf(2_000_000), factory, data,
                BigInteger.ZERO).getTransactionHash());
        if (!r.isStatusOK()) throw new IllegalStateException("createProxyWithNonce reverted");
        return new SafeFixture(singleton, factory, org.web3j.crypto.Keys.toChecksumAddress(proxy));
    }

    /** What the Safe itself computes as the hash of a plain CALL SafeTx (its {@code getTransactionHash}). */
    public String transactionHash(Web3j web3j, String to, String data, BigInteger nonce) throws Exception {
        Address zero = new Address(ZERO);
        Function f = new Function("getTransactionHash", List.of(new Address(to), new Uint256(0),
                new DynamicBytes(Numeric.hexStringToByteArray(data)), new Uint8(0), new Uint256(0), new Uint256(0),
                new Uint256(0), zero, zero, new Uint256(nonce)), List.of(new TypeReference<Bytes32>() {}));
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null, safe, FunctionEncoder.encode(f)),
                DefaultBlockParameterName.LATEST).send().getValue();
        return Numeric.toHexString(((Bytes32) FunctionReturnDecoder.decode(out, f.getOutputParameters()).getFirst()).getValue());
    }

    private static String bytecode(String artifact) throws Exception {
        return new ObjectMapper().readTree(ARTIFACTS.resolve(artifact).toFile()).get("bytecode").asText();
    }

    private static String create(Web3j web3j, TransactionManager deployer, String bytecode) throws Exception {
        TransactionReceipt r = mined(web3j, deployer.sendTransaction(GAS_PRICE, BigInteger.valueOf(8_000_000), null, bytecode,
                BigInteger.ZERO, true).getTransactionHash());
        if (!r.isStatusOK()) throw new IllegalStateException("deploying a Safe contract reverted");
        return r.getContractAddress();
    }

    private static TransactionReceipt mined(Web3j web3j, String hash) throws Exception {
        if (hash == null) throw new IllegalStateException("the node refused the transaction");
        for (int i = 0; i < 200; i++) {
            var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) return receipt.get();
            Thread.sleep(25);
        }
        throw new IllegalStateException("no receipt for " + hash);
    }
}
