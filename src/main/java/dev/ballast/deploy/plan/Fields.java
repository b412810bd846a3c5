package dev.ballast.deploy.plan;

import dev.ballast.config.ConfigProblem;
import dev.ballast.config.YamlTree.ListNode;
import dev.ballast.config.YamlTree.MapNode;
import dev.ballast.config.YamlTree.Node;
import dev.ballast.config.YamlTree.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One mapping of the deployment file: typed reads by key, every problem collected with its key path. */
final class Fields {
    /** Parses one scalar; throws IllegalArgumentException saying what is allowed. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    private final List<ConfigProblem> problems;
    private final String path;
    private final Map<String, Node> entries;

    private Fields(List<ConfigProblem> problems, String path, Map<String, Node> entries) {
        this.problems = problems;
        this.path = path;
        this.entries = entries;
    }

    static Fields of(List<ConfigProblem> problems, String path, Node node, Set<String> keys) {
        if (node == null || node instanceof Scalar s && s.text() == null) return new Fields(problems, path, Map.of());
        if (!(node instanceof MapNode map)) {
            problems.add(new ConfigProblem(path, null, "line " + node.line(), "must be a mapping with keys " + new TreeSet<>(keys)));
            return new Fields(problems, path, Map.of());
        }
        map.entries().forEach((key, value) -> {
            if (!keys.contains(key)) {
                problems.add(new ConfigProblem(child(path, key), null, "line " + value.line(),
                        "unknown key; allowed keys here: " + String.join(", ", new TreeSet<>(keys))));
            }
        });
        return new Fields(problems, path, map.entries());
    }

    String path() {
        return path;
    }

    String path(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        Node n = entries.get(key);
        return n != null && !(n instanceof Scalar s && s.text() == null);
    }

    Node node(String key) {
        return entries.get(key);
    }

    void problem(String key, String shown, String message) {
        Node n = entries.get(key);
        problems.add(new ConfigProblem(key == null ? path : path(key), shown, n == null ? "" : "line " + n.line(), message));
    }

    <T> T required(String key, Parser<T> parser) {
        return read(key, parser, null, true);
    }

    <T> T optional(String key, Parser<T> parser, T dflt) {
        return read(key, parser, dflt, false);
    }

    Fields section(String key, Set<String> keys) {
        return of(problems, path(key), entries.get(key), keys);
    }

    /** The list under {@code key} (empty, with a problem, when it is not a list or its size is out of range). */
    List<Node> list(String key, int min, int max) {
        Node n = entries.get(key);
        if (!has(key)) {
            if (min > 0) problems.add(new ConfigProblem(path(key), null, "", "is required: a list of " + min + " to " + max + " entries"));
            return List.of();
        }
        if (!(n instanceof ListNode seq)) {
            problems.add(new ConfigProblem(path(key), null, "line " + n.line(), "must be a list (entries start with '- ')"));
            return List.of();
        }
        if (seq.items().size() < min || seq.items().size() > max) {
            problems.add(new ConfigProblem(path(key), seq.items().size() + " entries", "line " + n.line(),
                    "must have " + min + " to " + max + " entries"));
        }
        return seq.items();
    }

    /** Each scalar of the list under {@code key}, parsed; null entries for the invalid ones. */
    <T> List<T> scalars(String key, int min, int max, Parser<T> parser) {
        List<Node> items = list(key, min, max);
        ArrayList<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(parse(path(key) + "[" + i + "]", items.get(i), parser));
        }
        return out;
    }

    private <T> T read(String key, Parser<T> parser, T dflt, boolean required) {
        if (!has(key)) {
            if (required) problems.add(new ConfigProblem(path(key), null, "", "is required"));
            return dflt;
        }
        return parse(path(key), entries.get(key), parser);
    }

    private <T> T parse(String at, Node node, Parser<T> parser) {
        if (!(node instanceof Scalar scalar) || scalar.text() == null) {
            problems.add(new ConfigProblem(at, null, "line " + node.line(), "must be a single value"));
            return null;
        }
        // already reported (without its value) by the loader's secret scan; never echo it here
        if (SpecValues.looksSecret(scalar.text())) return null;
        try {
            return parser.parse(scalar.text().strip());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(at, "\"" + scalar.text() + "\"", "line " + scalar.line(), e.getMessage()));
            return null;
        }
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
