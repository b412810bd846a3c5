package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    /**
     * At 10,000 vaults over 4 keepers on a loaded machine a broadcast came 15-30 s after its head; with 10 s as the top
     * bucket every quantile of those read "over 10 s". The latency histograms must resolve up to a minute.
     */
    @Test
    void headToBroadcastAndBlockProcessingResolveUpToAMinute() {
        KeeperMetrics metrics = new KeeperMetrics();
        assertThat(upperBounds(metrics, "ballast_head_to_broadcast_seconds")).contains(10.0, 20.0, 30.0, 60.0);
        assertThat(upperBounds(metrics, "ballast_block_processing_seconds")).contains(10.0, 30.0, 60.0);
    }

    private static List<Double> upperBounds(KeeperMetrics metrics, String name) {
        HistogramSnapshot histogram = (HistogramSnapshot) metrics.registry().scrape().stream()
                .filter(s -> s.getMetadata().getPrometheusName().equals(name)).findFirst().orElseThrow();
        List<Double> bounds = new ArrayList<>();
        histogram.getDataPoints().forEach(p -> p.getClassicBuckets().forEach(b -> bounds.add(b.getUpperBound())));
        return bounds;
    }
}
