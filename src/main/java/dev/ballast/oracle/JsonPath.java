package dev.ballast.oracle;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted path into a JSON document: {@code price}, {@code data.amount}, {@code [0].price},
 * {@code data.items[2].last}. Object keys are letters, digits, '_' and '-'; array indices are in brackets.
 * That is all exchange price endpoints need; no wildcards or filters. This class only parses the config's dotted
 * syntax (with an error that points at the bad character); the lookup is Jackson's JSON Pointer.
 */
public final class JsonPath {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_\\-]+)|\\[(\\d{1,6})]");

    private final String text;
    private final JsonPointer pointer;

    private JsonPath(String text, JsonPointer pointer) {
        this.text = text;
        this.pointer = pointer;
    }

    /** Parses a path, or throws IllegalArgumentException naming what is wrong with it. */
    public static JsonPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("JSON path is empty");
        }
        StringBuilder pointer = new StringBuilder();
        int pos = 0;
        while (pos < text.length()) {
            if (!pointer.isEmpty() && text.charAt(pos) == '.') {
                pos++; // a dot must be followed by a key
                if (pos == text.length() || text.charAt(pos) == '[') {
                    throw invalid(text, pos);
                }
            } else if (!pointer.isEmpty() && text.charAt(pos) != '[') {
                throw invalid(text, pos);
            }
            Matcher m = SEGMENT.matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                throw invalid(text, pos);
            }
            // keys hold no '/' or '~', so they need no JSON Pointer escaping
            pointer.append('/').append(m.group(1) != null ? m.group(1) : Integer.parseInt(m.group(2)));
            pos = m.end();
        }
        return new JsonPath(text, JsonPointer.compile(pointer.toString()));
    }

    private static IllegalArgumentException invalid(String text, int pos) {
        return new IllegalArgumentException("JSON path '" + text + "' is invalid at character " + (pos + 1)
                + " (expected key.key, key[0] or [0].key)");
    }

    /** The node at this path, or empty if any step is missing or of the wrong kind. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root.at(pointer);
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
