package dev.ballast.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns a timelocked call into one readable line, e.g. {@code setKeeper(keeper=0x…, allowed=true)}: the calls a vault
 * can queue on itself and on its router. Anything else is shown as its raw call data.
 */
public final class ChangeDecoder {
    private static final List<String> PARAMS = List.of("band", "mode", "interval", "cooldown", "maxSlippage",
            "maxTradeFraction", "twapWindow", "maxSpotTwapDeviation", "maxOracleVenueDeviation", "singleAssetFee");

    /** A known function: its name, argument names and ABI types. */
    private record Known(String name, List<String> args, List<TypeReference<?>> types) {}

    private static final Map<String, Known> KNOWN = Map.ofEntries(
            known("setParams((uint64,uint8,uint32,uint32,uint64,uint64,uint32,uint64,uint64,uint64))", "setParams",
                    PARAMS, PARAMS.stream().<TypeReference<?>>map(p -> new TypeReference<Uint256>() {}).toList()),
            known("setTargetWeights(uint256[])", "setTargetWeights", List.of("weights"),
                    List.of(new TypeReference<DynamicArray<Uint256>>() {})),
            known("setVenue(address,bool)", "setVenue", List.of("venue", "allowed"),
                    List.of(new TypeReference<Address>() {}, new TypeReference<Bool>() {})),
            known("setKeeper(address,bool)", "setKeeper", List.of("keeper", "allowed"),
                    List.of(new TypeReference<Address>() {}, new TypeReference<Bool>() {})),
            known("setTimelockDelay(uint256)", "setTimelockDelay", List.of("delay"), List.of(new TypeReference<Uint256>() {})),
            known("setDepositCap(uint256)", "setDepositCap", List.of("cap"), List.of(new TypeReference<Uint256>() {})),
            known("transferOwnership(address)", "transferOwnership", List.of("newOwner"),
                    List.of(new TypeReference<Address>() {})),
            known("acceptOwnership()", "acceptOwnership", List.of(), List.of()),
            known("setSources(address,address[],uint8,uint256)", "setSources",
                    List.of("asset", "sources", "quorum", "maxDeviation"),
                    List.of(new TypeReference<Address>() {}, new TypeReference<DynamicArray<Address>>() {},
                            new TypeReference<Uint8>() {}, new TypeReference<Uint256>() {})));

    private ChangeDecoder() {}

    private static Map.Entry<String, Known> known(String signature, String name, List<String> args,
            List<TypeReference<?>> types) {
        return Map.entry(Hash.sha3String(signature).substring(0, 10), new Known(name, args, types));
    }

    /** {@code name(arg=value, ...)} for a known call, else {@code call 0x…}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static String describe(byte[] call) {
        String hex = Numeric.toHexString(call);
        Known k = hex.length() >= 10 ? KNOWN.get(hex.substring(0, 10)) : null;
        if (k == null) return "call " + hex;
        try {
            List<Type> values = FunctionReturnDecoder.decode("0x" + hex.substring(10), (List) k.types());
            if (values.size() != k.args().size()) return "call " + hex;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) parts.add(k.args().get(i) + "=" + show(values.get(i)));
            return k.name() + "(" + String.join(", ", parts) + ")";
        } catch (RuntimeException e) {
            return "call " + hex; // malformed arguments: show what was proposed, exactly
        }
    }

    @SuppressWarnings("rawtypes")
    private static String show(Type value) {
        return switch (value) {
            case DynamicArray<?> a -> Arrays.toString(a.getValue().stream().map(v -> show((Type) v)).toArray());
            case Address a -> a.toString();
            case Bool b -> b.getValue().toString();
            default -> value.getValue() instanceof BigInteger n ? n.toString() : String.valueOf(value.getValue());
        };
    }
}
