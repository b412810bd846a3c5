package dev.ballast.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * The list of commands in a parent's help: each command's first sentence, wrapped, never its first line cut
 * mid-sentence (picocli's default shows the first line of a description written as several lines).
 */
final class CommandList {
    private CommandList() {}

    static void install(CommandLine cli) {
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandList::render);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getParent() == cli) install(sub);
        }
    }

    private static String render(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) return "";
        int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(nameWidth, 2, Column.Overflow.SPAN),
                new Column(width - nameWidth, 1, Column.Overflow.WRAP));
        subcommands.forEach((name, sub) -> table.addRowValues(name, summary(sub.commandSpec())));
        return table.toString();
    }

    /** A command's header, else the first sentence of its description (up to a line that ends in a colon). */
    static String summary(CommandLine.Model.CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] lines = header.length > 0 ? header : spec.usageMessage().description();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String plain = line.replace("%n", " ").replace("%%", "%").strip();
            if (text.length() > 0) text.append(' ');
            if (plain.endsWith(":")) {
                // "Impermanent loss of a weighted pool, fees left out:" introduces a formula; the sentence ends here
                text.append(plain, 0, plain.length() - 1).append('.');
                return text.toString();
            }
            text.append(plain);
        }
        String all = text.toString();
        for (int i = all.indexOf(". "); i >= 0; i = all.indexOf(". ", i + 1)) {
            String before = all.substring(0, i);
            if (!before.endsWith("e.g") && !before.endsWith("i.e") && !before.endsWith("vs")) return all.substring(0, i + 1);
        }
        return all;
    }
}
