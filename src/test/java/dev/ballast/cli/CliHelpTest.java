package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 18 §4: what `--help`, `--version` and a mistyped command print. */
class CliHelpTest {

    @Test
    void theTopLevelCommandListGivesEveryCommandAWholeSentence() {
        CliRun r = CliRun.run("--help");
        assertThat(r.exit()).isZero();
        String list = r.out().substring(r.out().indexOf("Commands:") + "Commands:".length(), r.out().indexOf("Examples:"));
        List<String> entries = new ArrayList<>();
        for (String line : list.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("  ") && !line.startsWith("   ")) entries.add(line.strip());
            else if (!line.isBlank()) entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
        }
        assertThat(entries).hasSizeGreaterThanOrEqualTo(14);
        for (String entry : entries) {
            assertThat(entry).as("a command's summary ends its sentence").endsWith(".");
        }
    }

    @Test
    void ilHelpFormatsItsPercentSignWithoutAPicocliWarning() {
        CliRun r = CliRun.run("il", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("[picocli WARN]");
        assertThat(r.out()).doesNotContain("Could not format").contains("-20%");
    }

    @Test
    void benchBatchHelpFormatsItsPercentSignAndOffersTheBlockGasLimit() {
        CliRun r = CliRun.run("bench", "batch", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("[picocli WARN]");
        assertThat(r.out()).doesNotContain("Could not format").contains("the issue's 47% is", "--gas-limit");
    }

    @Test
    void guardianAndJournalCommandsShowOnlyTheOptionsTheyUse() {
        for (String command : List.of("pause", "unpause", "journal", "status")) {
            String help = CliRun.run(command, "--help").out();
            assertThat(help).as(command).contains("--config").doesNotContain("--native-price").doesNotContain("--correction-benefit");
        }
        for (String command : List.of("run", "plan", "rebalance")) {
            assertThat(CliRun.run(command, "--help").out()).as(command).contains("--native-price").contains("--correction-benefit");
        }
        assertThat(CliRun.run("journal", "--help").out()).doesNotContain("--yes");
        for (String command : List.of("pause", "unpause", "journal", "rebalance")) {
            assertThat(CliRun.run(command, "--help").out()).as(command + ": the version is the program's")
                    .doesNotContain("--version").contains("--help");
        }
        assertThat(CliRun.run("--help").out()).contains("--version");
    }

    @Test
    void everyCommandHasAnExamplesSectionWhoseExamplesParse() {
        CommandLine root = BallastCli.commandLine();
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(20);
        for (CommandLine command : all) {
            String help = command.getUsageMessage();
            String name = command.getCommandSpec().qualifiedName();
            assertThat(help).as(name).contains("Examples:");
            String examples = help.substring(help.indexOf("Examples:"));
            Matcher m = Pattern.compile("(?m)^  (ballast .*?)(\\s+#.*)?$").matcher(examples);
            assertThat(examples.lines().skip(1).filter(l -> !l.isBlank()))
                    .as(name + ": every example on one line, unwrapped").allSatisfy(l -> assertThat(l).startsWith("  ballast "));
            int found = 0;
            while (m.find()) {
                found++;
                String[] words = m.group(1).strip().split("\\s+");
                String[] args = Arrays.copyOfRange(words, 1, words.length);
                assertThatCode(() -> BallastCli.commandLine().parseArgs(args)).as(m.group(1)).doesNotThrowAnyException();
            }
            assertThat(found).as(name + " examples").isPositive();
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getParent() == command) collect(sub, into);
        }
    }

    @Test
    void versionIsTheProjectVersionAndTheGitCommitOfTheBuild() throws Exception {
        CliRun r = CliRun.run("--version");
        assertThat(r.exit()).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>ballast</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        assertThat(git.waitFor()).isZero();
        assertThat(r.out().strip()).startsWith("ballast " + version.group(1) + " (commit " + head)
                .doesNotContain("development build");
    }

    @Test
    void benchKeeperHelpStatesItsTargetsInsteadOfPointingAtAnIssue() {
        String help = CliRun.run("bench", "keeper", "--help").out();
        assertThat(help).doesNotContain("issue").contains("p99").contains("256 MB");
    }

    @Test
    void benchBacktestOffersAThreadCountAndRefusesANegativeOne() {
        assertThat(CliRun.run("bench", "backtest", "--help").out()).contains("--threads").contains("single-thread");
        CliRun bad = CliRun.run("bench", "backtest", "--threads", "-1", "--paths", "1", "--no-peer");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--threads -1: must be >= 0");
    }

    @Test
    void anUnknownCommandIsAnErrorNamingTheNearestCommandEvenWithHelp() {
        for (String[] args : List.of(new String[] {"nosuch"}, new String[] {"nosuch", "--help"})) {
            CliRun r = CliRun.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("unknown command 'nosuch'; did you mean '");
            assertThat(r.out()).doesNotContain("Usage:");
        }
        assertThat(CliRun.run("rebalnce", "--help").err()).contains("did you mean 'rebalance'");
        assertThat(CliRun.run("stauts").err()).contains("did you mean 'status'");
        CliRun nested = CliRun.run("pool", "swp", "--help");
        assertThat(nested.exit()).isEqualTo(2);
        assertThat(nested.err()).contains("unknown command 'swp' under 'pool'; did you mean 'swap'");
        assertThat(CliRun.run("pool", "swap", "--help").exit()).isZero();
    }
}
