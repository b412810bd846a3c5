package dev.ballast.cli;

import java.util.Comparator;
import java.util.Map;
import picocli.CommandLine;

/**
 * An unknown command is an error even with {@code --help} after it: picocli would print the parent's help and exit 0,
 * which a script reads as success. The check walks the words that name commands and stops at the first option.
 */
final class UnknownCommand {
    static final int EXIT = 2;

    private UnknownCommand() {}

    /** @return the exit code when a word is not a command (after printing why), else null */
    static Integer check(CommandLine root, String... args) {
        CommandLine current = root;
        for (String arg : args) {
            if (arg.startsWith("-")) return null;
            Map<String, CommandLine> subcommands = current.getSubcommands();
            if (subcommands.isEmpty() || !current.getCommandSpec().positionalParameters().isEmpty()) return null;
            CommandLine next = subcommands.get(arg);
            if (next == null) {
                String nearest = subcommands.keySet().stream()
                        .min(Comparator.comparingInt((String name) -> distance(arg, name)).thenComparing(name -> name))
                        .orElseThrow();
                String parent = current == root ? "" : " " + current.getCommandSpec().qualifiedName().substring(root.getCommandName().length() + 1);
                current.getErr().println("unknown command '" + arg + "'" + (parent.isEmpty() ? "" : " under '" + parent.strip() + "'")
                        + "; did you mean '" + nearest + "'? (" + current.getCommandSpec().qualifiedName() + " --help lists them)");
                current.getErr().flush();
                return EXIT;
            }
            current = next;
        }
        return null;
    }

    /** Levenshtein distance, so 'rebalnce' suggests 'rebalance' and 'stauts' suggests 'status'. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
                row[j] = Math.min(substitution, Math.min(previous[j] + 1, row[j - 1] + 1));
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }
}
