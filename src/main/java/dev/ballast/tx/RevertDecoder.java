package dev.ballast.tx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Names a revert: Ballast's custom errors (from the selector table the build writes next to the wrappers), Solidity's
 * {@code Error(string)} and {@code Panic(uint256)}. Unknown data is returned as hex, never dropped.
 */
public final class RevertDecoder {
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    private static final String TABLE = "/dev/ballast/contracts/errors.tsv";

    private static final Pattern CUSTOM_ERROR_MESSAGE =
            Pattern.compile("custom error (0x[0-9a-fA-F]{8}):?\\s*([0-9a-fA-F]*)");

    private final Map<String, String> signatures;
    private final Map<String, List<String>> parameterNames;

    RevertDecoder(Map<String, String> signatures) {
        this(signatures, Map.of());
    }

    private RevertDecoder(Map<String, String> signatures, Map<String, List<String>> parameterNames) {
        this.signatures = Map.copyOf(signatures);
        this.parameterNames = Map.copyOf(parameterNames);
    }

    /** The decoder for every custom error in Ballast's contracts. */
    public static RevertDecoder forBallast() {
        Map<String, String> signatures = new HashMap<>();
        Map<String, List<String>> names = new HashMap<>();
        loadTable(signatures, names);
        return new RevertDecoder(signatures, names);
    }

    /**
     * Decodes revert data given as hex, or as the message nodes put in a failed receipt's revert reason
     * ({@code "execution reverted: custom error 0x0042cfe6: 0000…"}).
     */
    public DecodedRevert decode(String revertData) {
        String hex = revertData == null ? "0x" : hexOf(revertData.strip()).toLowerCase();
        if (hex.length() < 10) return new DecodedRevert("(no revert data)", List.of(), hex, List.of(), List.of());
        String selector = hex.substring(0, 10);
        String body = "0x" + hex.substring(10);
        if (selector.equals(ERROR_STRING)) {
            return new DecodedRevert("Error", decodeArgs(body, List.of("string")), hex, List.of("string"), List.of("reason"));
        }
        if (selector.equals(PANIC)) {
            return new DecodedRevert("Panic", decodeArgs(body, List.of("uint256")), hex, List.of("uint256"), List.of("code"));
        }
        String signature = signatures.get(selector);
        if (signature == null) return new DecodedRevert(nameOf(selector), List.of(), hex, List.of(), List.of());
        String name = nameIn(signature);
        String params = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
        List<String> types = params.isEmpty() ? List.of() : splitTopLevel(params);
        return new DecodedRevert(name, decodeArgs(body, types), hex, types, parameterNames.getOrDefault(selector, List.of()));
    }

    /**
     * The error a bare 4-byte selector stands for ({@code 0x7b2d2724} → {@code QuorumNotMet}), for reverts seen only
     * by their selector (the lens reports a failed price that way); {@code unknown error 0x…} when not Ballast's.
     */
    public String nameOf(String selector) {
        String signature = signatures.get(selector.toLowerCase(Locale.ROOT));
        return signature == null ? "unknown error " + selector : nameIn(signature);
    }

    private static String nameIn(String signature) {
        return signature.substring(0, signature.indexOf('('));
    }

    private static String hexOf(String text) {
        Matcher custom = CUSTOM_ERROR_MESSAGE.matcher(text);
        if (custom.find()) return custom.group(1) + custom.group(2);
        return Numeric.prependHexPrefix(text);
    }

    /** The selector → signature table, e.g. {@code 0x1234abcd → MaxInRatio()}. */
    public Map<String, String> signatures() {
        return signatures;
    }

    private static List<Object> decodeArgs(String body, List<String> types) {
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String type : types) refs.add(TypeReference.makeTypeReference(type));
            List<Object> values = new ArrayList<>();
            for (Type<?> value : FunctionReturnDecoder.decode(body, refs)) values.add(plain(value.getValue()));
            return values;
        } catch (ClassNotFoundException | RuntimeException e) {
            return List.of("(undecodable arguments " + types + ")");
        }
    }

    private static Object plain(Object value) {
        if (value instanceof byte[] bytes) return Numeric.toHexString(bytes);
        if (value instanceof BigInteger || value instanceof String || value instanceof Boolean) return value;
        if (value instanceof List<?> list) return list.stream().map(v -> v instanceof Type<?> t ? plain(t.getValue()) : v).toList();
        return String.valueOf(value);
    }

    private static List<String> splitTopLevel(String params) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(params.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(params.substring(start));
        return parts;
    }

    private static void loadTable(Map<String, String> table, Map<String, List<String>> names) {
        try (InputStream in = RevertDecoder.class.getResourceAsStream(TABLE)) {
            if (in == null) return; // a build without contracts: reverts stay hex
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t", -1);
                table.put(cols[0], cols[1]);
                if (cols.length > 2 && !cols[2].isEmpty()) names.put(cols[0], List.of(cols[2].split(",", -1)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * A revert by name with its decoded arguments; {@code raw} keeps the original hex. {@code types} and
     * {@code parameters} (the Solidity names, empty when unknown) let {@link RevertText} print it in human units.
     */
    public record DecodedRevert(String name, List<Object> args, String raw, List<String> types, List<String> parameters) {
        @Override
        public String toString() {
            return name + args.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
