package org.cql4j.session.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cql4j.protocol.Consistency;
import org.junit.jupiter.api.Test;

class SpeculativeExecutionPolicyTest {
  final SpeculativeExecutionContext context = () -> RoutingInfo.of(Consistency.ONE);

  @Test
  void noSpeculativeExecutionStartsNone() {
    assertThat(NoSpeculativeExecution.INSTANCE.maxSpeculativeExecutions(context)).isZero();
  }

  @Test
  void simplePolicyReturnsItsFixedCountAndDelay() {
    SimpleSpeculativeExecutionPolicy p =
        new SimpleSpeculativeExecutionPolicy(2, Duration.ofMillis(50));
    assertThat(p.maxSpeculativeExecutions(context)).isEqualTo(2);
    assertThat(p.delay(context)).isEqualTo(Duration.ofMillis(50));
    assertThat(context.latencyPercentile(99.0)).isEmpty();
  }

  @Test
  void simplePolicyRejectsNonsense() {
    assertThatThrownBy(() -> new SimpleSpeculativeExecutionPolicy(0, Duration.ofMillis(1)))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new SimpleSpeculativeExecutionPolicy(1, Duration.ZERO))
        .hasMessageContaining("positive");
  }
}
