package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.single;
import static dev.ballast.config.ConfigTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing: section of keeper-config.yaml (the slice bound and the split limit of best execution). */
class RoutingConfigTest {
    @TempDir
    Path dir;

    @Test
    void slicingIsOffAndSplitsUpToThreeVenuesByDefault() {
        RoutingConfig r = parse(ConfigTestSupport.MINIMAL, dir, Map.of()).routing();
        assertThat(r).isEqualTo(RoutingConfig.DEFAULTS);
        assertThat(r.sliceImpactBps()).isZero();
        assertThat(r.maxSplitVenues()).isEqualTo(3);
    }

    @Test
    void everyKeyIsReadAndOverridable() {
        RoutingConfig r = parse(with("""
                routing:
                  sliceImpactBps: 25
                  maxSlices: 4
                  maxSplitVenues: 2
                """), dir, Map.of("BALLAST_ROUTING_MAX_SLICES", "6")).routing();
        assertThat(r).isEqualTo(new RoutingConfig(25, 6, 2));
    }

    @Test
    void badValuesNameTheirKey() {
        single(with("routing:\n  sliceImpactBps: -1\n"), dir, Map.of(), "routing.sliceImpactBps", "-1");
        single(with("routing:\n  sliceImpactBps: 10001\n"), dir, Map.of(), "routing.sliceImpactBps", "10001");
        single(with("routing:\n  maxSlices: 0\n"), dir, Map.of(), "routing.maxSlices", "0");
        single(with("routing:\n  maxSplitVenues: 7\n"), dir, Map.of(), "routing.maxSplitVenues", "7");
        single(with("routing:\n  sliceImpact: 5\n"), dir, Map.of(), "routing.sliceImpact", "unknown");
    }

    @Test
    void theExampleFileDocumentsTheKeys() throws Exception {
        String example = java.nio.file.Files.readString(Path.of("keeper-config.yaml"));
        assertThat(example).contains("routing:", "sliceImpactBps:", "maxSlices:", "maxSplitVenues:");
        KeeperConfig c = ConfigLoader.load(Path.of("keeper-config.yaml"), Map.of());
        assertThat(c.routing()).isEqualTo(new RoutingConfig(0, 8, 3));
    }
}
