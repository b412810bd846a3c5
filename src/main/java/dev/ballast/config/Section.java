package dev.ballast.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One mapping of the config file: typed reads of its keys, and an error for every key it does not know. */
final class Section {
    private final ConfigReader reader;
    private final String path;
    private final Map<String, YamlTree.Node> entries;

    private Section(ConfigReader reader, String path, Map<String, YamlTree.Node> entries) {
        this.reader = reader;
        this.path = path;
        this.entries = entries;
    }

    /** {@code node} may be null (section absent: defaults and env overrides still apply). */
    static Section of(ConfigReader reader, String path, YamlTree.Node node, Set<String> keys) {
        if (node == null || node instanceof YamlTree.Scalar s && s.text() == null) {
            return new Section(reader, path, Map.of());
        }
        if (!(node instanceof YamlTree.MapNode map)) {
            reader.problem(path, null, "line " + node.line(), "must be a mapping with keys " + sorted(keys));
            return new Section(reader, path, Map.of());
        }
        for (Map.Entry<String, YamlTree.Node> e : map.entries().entrySet()) {
            if (!keys.contains(e.getKey())) {
                reader.problem(child(path, e.getKey()), null, "line " + e.getValue().line(),
                        "unknown key" + suggestion(e.getKey(), keys) + "; allowed keys here: " + sorted(keys));
            }
        }
        return new Section(reader, path, map.entries());
    }

    String path() {
        return path;
    }

    String path(String key) {
        return child(path, key);
    }

    YamlTree.Node node(String key) {
        return entries.get(key);
    }

    /** Given in the file (non-null) or by an environment override. */
    boolean has(String key) {
        YamlTree.Node n = entries.get(key);
        return (n != null && !(n instanceof YamlTree.Scalar s && s.text() == null)) || reader.overridden(path(key));
    }

    int line(String key) {
        YamlTree.Node n = entries.get(key);
        return n == null ? 0 : n.line();
    }

    <T> T required(String key, ValueParser<T> parser) {
        return reader.read(path(key), entries.get(key), parser, null, true, false);
    }

    <T> T optional(String key, ValueParser<T> parser, T dflt) {
        return reader.read(path(key), entries.get(key), parser, dflt, false, false);
    }

    /** Like {@link #optional} but the value is never shown in messages. */
    <T> T secret(String key, ValueParser<T> parser) {
        return reader.read(path(key), entries.get(key), parser, null, false, true);
    }

    Section section(String key, Set<String> keys) {
        return of(reader, path(key), entries.get(key), keys);
    }

    /** The list under {@code key}; a problem (and empty) when it is not a list or its size is out of range. */
    List<YamlTree.Node> list(String key, int min, int max) {
        YamlTree.Node n = entries.get(key);
        if (n == null || n instanceof YamlTree.Scalar s && s.text() == null) {
            if (min > 0) {
                reader.problem(path(key), null, "", "is required: a list of " + min + " to " + max + " entries");
            }
            return List.of();
        }
        if (!(n instanceof YamlTree.ListNode list)) {
            reader.problem(path(key), null, "line " + n.line(), "must be a list (entries start with '- ')");
            return List.of();
        }
        if (list.items().size() < min || list.items().size() > max) {
            reader.problem(path(key), list.items().size() + " entries", "line " + n.line(),
                    "must have " + min + " to " + max + " entries");
        }
        return list.items();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    /** " (did you mean maxFeeGwei?)" for a near miss, else "". */
    static String suggestion(String key, Set<String> keys) {
        Optional<String> best = keys.stream()
                .filter(k -> k.equalsIgnoreCase(key) || distance(k.toLowerCase(Locale.ROOT),
                        key.toLowerCase(Locale.ROOT)) <= Math.max(1, k.length() / 4))
                .min(Comparator.comparingInt(k -> distance(k, key)));
        return best.map(k -> " (did you mean " + k + "?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
