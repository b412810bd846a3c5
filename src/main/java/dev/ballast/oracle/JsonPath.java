package dev.ballast.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted path into a JSON document: {@code price}, {@code data.amount}, {@code [0].price},
 * {@code data.items[2].last}. Object keys are letters, digits, '_' and '-'; array indices are in brackets.
 * That is all exchange price endpoints need; no wildcards or filters.
 */
public final class JsonPath {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_\\-]+)|\\[(\\d{1,6})]");

    private final String text;
    private final List<Object> steps; // String key or Integer index

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses a path, or throws IllegalArgumentException naming what is wrong with it. */
    public static JsonPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("JSON path is empty");
        }
        List<Object> steps = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            if (!steps.isEmpty() && text.charAt(pos) == '.') {
                pos++; // a dot must be followed by a key
                if (pos == text.length() || text.charAt(pos) == '[') {
                    throw invalid(text, pos);
                }
            } else if (!steps.isEmpty() && text.charAt(pos) != '[') {
                throw invalid(text, pos);
            }
            Matcher m = SEGMENT.matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                throw invalid(text, pos);
            }
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            pos = m.end();
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    private static IllegalArgumentException invalid(String text, int pos) {
        return new IllegalArgumentException("JSON path '" + text + "' is invalid at character " + (pos + 1)
                + " (expected key.key, key[0] or [0].key)");
    }

    /** The node at this path, or empty if any step is missing or of the wrong kind. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof Integer i
                    ? (node.isArray() ? node.get(i) : null)
                    : (node.isObject() ? node.get((String) step) : null);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
