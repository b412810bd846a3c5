package dev.ballast.config;

import java.util.List;

/** The configuration is invalid. Lists every problem found, not just the first. */
public class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder(source).append(" has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (ConfigProblem p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
