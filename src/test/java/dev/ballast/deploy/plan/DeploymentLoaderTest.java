package dev.ballast.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigProblem;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentLoaderTest {
    static final Path EXAMPLE = Path.of("deployment.example.yaml");

    static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> DeploymentLoader.parse(yaml, Path.of("."), "test.yaml"));
        assertThat(e).as("expected the file to be refused").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void theExampleLoads() {
        DeploymentSpec spec = DeploymentLoader.load(EXAMPLE);
        assertThat(spec.chainId()).isEqualTo(31337);
        assertThat(spec.tokens()).extracting(DeploymentSpec.Token::name).containsExactly("usdc", "weth", "wbtc");
        assertThat(spec.pools().getFirst().weights()).containsExactly(new BigInteger("400000000000000000"),
                new BigInteger("300000000000000000"), new BigInteger("300000000000000000"));
        DeploymentSpec.Vault vault = spec.vaults().getFirst();
        assertThat(vault.timelockDelay()).isEqualTo(3600);
        assertThat(vault.params().twapWindow()).isEqualTo(1800);
        assertThat(vault.params().band()).isEqualTo(new BigInteger("50000000000000000"));
        assertThat(spec.routers().getFirst().assets().get(1).sources())
                .containsExactly(new DeploymentSpec.ChainlinkSource("eth-usd"),
                        new DeploymentSpec.TwapSource("main", 1800, java.util.Optional.of("usdc-usd")));
    }

    @Test
    void depositCapIsOptionalInWholeSharesAndBounded() throws Exception {
        assertThat(DeploymentLoader.load(EXAMPLE).vaults().getFirst().depositCap()).as("absent: uncapped").isNull();
        String capped = example().replace("timelockDelay: 1h\n", "timelockDelay: 1h\n    depositCap: 100000\n");
        assertThat(DeploymentLoader.parse(capped, Path.of("."), "capped.yaml").vaults().getFirst().depositCap())
                .isEqualTo(new BigInteger("100000000000000000000000"));
        assertThat(problems(example().replace("timelockDelay: 1h\n", "timelockDelay: 1h\n    depositCap: 0\n")))
                .anySatisfy(p -> assertThat(p).startsWith("vaults[0].depositCap = \"0\"").contains("[0.000001, 1e30]"));
    }

    @Test
    void reportsEveryProblemAtOnceWithItsKeyPath() throws Exception {
        String yaml = example()
                .replace("band: 0.05 ", "band: 0.9 ")
                .replace("weights: [0.4, 0.3, 0.3]\n    swapFee", "weights: [0.4, 0.3, 0.2]\n    swapFee")
                .replace("heartbeat: 1d10m", "heartbeat: 10")
                .replace("chainlink: eth-usd", "chainlink: btc-usd")
                .replace("timelockDelay: 1h", "timelockDelay: 5m")
                .replace("router: main\n", "routr: main\n");
        List<String> problems = problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].params.band = \"0.9\"").contains("[0.001, 0.5]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("pools[0].weights").contains("must sum to exactly 1"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("feeds[0].heartbeat = \"10\"").contains("written like"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routers[0].assets[1].sources[0].chainlink")
                .contains("prices wbtc, not weth"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].timelockDelay").contains("between 1h and 30d"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].routr").contains("unknown key"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].router: is required"));
        assertThat(problems).hasSizeGreaterThanOrEqualTo(7);
    }

    /** The router's rules, refused before anything is sent, each naming its key. */
    @Test
    void refusesRouterConfigurationsThatDefeatTheMedian() throws Exception {
        String yaml = example()
                .replace("          - chainlink: usdc-usd-alt\n", "          - twap: {pool: main, window: 30m, quoteFeed: usdc-usd}\n")
                .replaceFirst("quorum: 2\n        maxDeviation: 0.05", "quorum: 1\n        maxDeviation: 0.05");
        List<String> problems = problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routers[0].assets[0].sources = [0] and [1]")
                .contains("both read feed usdc-usd"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routers[0].assets[1].quorum = 1")
                .contains("at least 2 when a source is a twap"));
    }

    @Test
    void refusesARouterSharedByTwoVaults() throws Exception {
        String text = example();
        String vault = text.substring(text.indexOf("  - name: balanced"));
        List<String> problems = problems(text + vault.replace("name: balanced", "name: second"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[1].router = main")
                .contains("a vault owns its router"));
    }

    @Test
    void refusesMocksOffTheDevChainAndDanglingNames() throws Exception {
        String yaml = example().replace("chainId: 31337", "chainId: 11155111").replace("venue: main", "venue: other");
        List<String> problems = problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("tokens[1].mock").contains("dev chains only"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("feeds[2].mock").contains("mock feeds are for dev chains only"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].venue = \"other\"").contains("names no entry of pools"));
    }

    @Test
    void refusesAKeyInTheFileWithoutEchoingIt() throws Exception {
        String key = "0x" + "ab".repeat(32);
        List<String> problems = problems(example().replace("privateKeyEnv: BALLAST_DEPLOYER_KEY", "privateKeyEnv: " + key));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("signer.privateKeyEnv = <hidden>").contains("looks like a private key"));
        assertThat(String.join("\n", problems)).doesNotContain(key);
    }

    @Test
    void tokenNeedsExactlyOneOfAddressOrMock() throws Exception {
        String yaml = example().replace("mock: {symbol: USDC, decimals: 6}",
                "mock: {symbol: USDC, decimals: 6}\n    address: \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"");
        assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).startsWith("tokens[0]: set exactly one of address"));
    }

    /** The deployment file reads through config.YamlTree, as the keeper config does: same lines, same wording. */
    @Test
    void yamlErrorsNameTheirLine() throws Exception {
        assertThat(problems("chainId: 31337\nguardian: a: b\n"))
                .containsExactly("(top level) (line 2): YAML syntax error: mapping values are not allowed here");
        String twice = example().replaceFirst("\nguardian: ", "\nchainId: 1\nguardian: ");
        int line = (int) twice.substring(0, twice.indexOf("\nchainId: 1\n") + 1).lines().count() + 1;
        int first = (int) twice.substring(0, twice.indexOf("chainId: 31337")).lines().count() + 1;
        assertThat(problems(twice)).contains("chainId (line " + line + "): duplicate key (first given on line " + first + ")");
    }
}
