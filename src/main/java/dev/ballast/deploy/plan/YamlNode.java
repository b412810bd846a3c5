package dev.ballast.deploy.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment file as a tree that keeps each value's raw text and line: data binding would read {@code 0xAb..} as
 * a number and lose the lines that error messages point to.
 */
sealed interface YamlNode {
    int line();

    record Mapping(Map<String, YamlNode> entries, int line) implements YamlNode {}

    record Sequence(List<YamlNode> items, int line) implements YamlNode {}

    /** {@code text} is null for YAML null. */
    record Scalar(String text, int line) implements YamlNode {}

    YAMLFactory FACTORY = new YAMLFactory();

    static YamlNode parse(String yaml, String source, List<ConfigProblem> problems) {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) return new Mapping(Map.of(), 1);
            return read(p, first, "", problems);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String what = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ConfigException(source, List.of(new ConfigProblem("", null, "line " + line, "YAML syntax error: " + what)));
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", null, "", "unreadable: " + e.getMessage())));
        }
    }

    private static YamlNode read(JsonParser p, JsonToken token, String path, List<ConfigProblem> problems) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = read(p, p.nextToken(), child, problems);
                    if (entries.putIfAbsent(key, value) != null) {
                        problems.add(new ConfigProblem(child, null, "line " + value.line(), "duplicate key"));
                    }
                }
                yield new Mapping(entries, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(read(p, t, path + "[" + items.size() + "]", problems));
                }
                yield new Sequence(items, line);
            }
            case VALUE_NULL -> new Scalar(null, line);
            default -> new Scalar(p.getText(), line);
        };
    }
}
