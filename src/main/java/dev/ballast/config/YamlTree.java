package dev.ballast.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML read into a minimal tree that keeps every scalar's raw text and line. Jackson's data binding would turn
 * {@code 0xAb..} into a number and forget lines; the messages of the keeper config and of the deployment file
 * ({@code deploy.plan.DeploymentLoader}) need both, so both read through this one class.
 */
public final class YamlTree {
    public sealed interface Node {
        int line();
    }

    public record MapNode(Map<String, Node> entries, int line) implements Node {
    }

    public record ListNode(List<Node> items, int line) implements Node {
    }

    /** {@code text} is null for YAML null ({@code ~}, {@code null} or nothing). */
    public record Scalar(String text, int line) implements Node {
    }

    /** A syntax error: line and the parser's one-line description (never the line's content, which may be secret). */
    public static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(String problem, int line, int column) {
            super(problem);
            this.line = line;
            this.column = column;
        }

        /** 1-based; 0 when the parser gave no location. */
        public int line() {
            return line;
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTree() {
    }

    /** Parses one YAML document; duplicate keys are reported to {@code problems}. */
    public static Node parse(String text, List<ConfigProblem> problems) throws SyntaxError {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new MapNode(Map.of(), 1);
            }
            Node root = read(p, first, "", problems);
            if (p.nextToken() != null) {
                throw new SyntaxError("more than one YAML document", p.currentTokenLocation().getLineNr(), 1);
            }
            return root;
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().lines()
                    .findFirst().orElse("invalid YAML");
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new SyntaxError(problem, line, column);
        } catch (IOException e) {
            throw new SyntaxError("unreadable: " + e.getMessage(), 0, 0);
        }
    }

    private static Node read(JsonParser p, JsonToken token, String path, List<ConfigProblem> problems)
            throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Node> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? key : path + "." + key;
                    Node value = read(p, p.nextToken(), child, problems);
                    if (entries.putIfAbsent(key, value) != null) {
                        problems.add(new ConfigProblem(child, null, "line " + keyLine,
                                "duplicate key (first given on line " + entries.get(key).line() + ")"));
                    }
                }
                yield new MapNode(entries, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(read(p, t, path + "[" + items.size() + "]", problems));
                }
                yield new ListNode(items, line);
            }
            case VALUE_NULL -> new Scalar(null, line);
            default -> new Scalar(p.getText(), line);
        };
    }
}
