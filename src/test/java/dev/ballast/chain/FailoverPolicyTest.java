package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverPolicyTest {
    @Test
    void aBatchIsTimedByItsCallsUpToTheBound() {
        FailoverPolicy policy = FailoverPolicy.defaults();

        assertThat(policy.requestTimeout(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.requestTimeout(28)).as("the 10,000-vault run's 28-call read").isEqualTo(Duration.ofSeconds(37));
        assertThat(policy.requestTimeout(64)).as("bounded").isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.requestTimeout(0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void withoutABatchAllowanceEveryRequestGetsTheCallTimeout() {
        FailoverPolicy flat = new FailoverPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(8), 3);

        assertThat(flat.requestTimeout(64)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesABoundBelowTheCallTimeoutOrANegativeAllowance() {
        FailoverPolicy policy = FailoverPolicy.defaults();

        assertThatThrownBy(() -> policy.withBatchTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRequestTimeout");
        assertThatThrownBy(() -> policy.withBatchTimeouts(Duration.ofMillis(-1), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchCallTimeout");
    }
}
