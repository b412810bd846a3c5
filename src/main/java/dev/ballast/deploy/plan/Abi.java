package dev.ballast.deploy.plan;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** Call data and single-word results, without the generated wrappers' transaction machinery. */
final class Abi {
    private Abi() {}

    static String call(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
    }

    static String create(String binary, Type<?>... args) {
        return Numeric.prependHexPrefix(binary) + FunctionEncoder.encodeConstructor(Arrays.asList(args));
    }

    static Address address(String a) {
        return new Address(a);
    }

    static Uint256 uint(long v) {
        return new Uint256(v);
    }

    static DynamicArray<Address> addresses(List<String> list) {
        List<Address> out = new ArrayList<>();
        list.forEach(a -> out.add(new Address(a)));
        return new DynamicArray<>(Address.class, out);
    }

    static DynamicArray<Uint256> uints(List<BigInteger> list) {
        return new DynamicArray<>(Uint256.class, list.stream().map(Uint256::new).toList());
    }

    /** The {@code index}-th 32-byte word of a call result. */
    static Optional<BigInteger> word(Optional<String> result, int index) {
        if (result.isEmpty()) return Optional.empty();
        String hex = Numeric.cleanHexPrefix(result.get());
        if (hex.length() < 64 * (index + 1)) return Optional.empty();
        return Optional.of(new BigInteger(hex.substring(64 * index, 64 * (index + 1)), 16));
    }

    static boolean sameAddress(Optional<BigInteger> word, String address) {
        return word.isPresent() && word.get().equals(Numeric.toBigInt(address));
    }

    /** The address in a word (checksummed). */
    static String toAddress(BigInteger word) {
        return Keys.toChecksumAddress(Numeric.toHexStringWithPrefixZeroPadded(word, 40));
    }
}
