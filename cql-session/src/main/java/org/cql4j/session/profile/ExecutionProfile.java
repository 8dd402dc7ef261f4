package org.cql4j.session.profile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.policy.DefaultLoadBalancingPolicy;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.NoSpeculativeExecution;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.policy.SpeculativeExecutionPolicy;

/**
 * A complete set of execution settings: consistencies, request timeout and the three policies.
 * Immutable and thread-safe.
 *
 * <p>Every setting has a value (the builder fills in defaults), so a profile fully determines how a
 * request runs unless the statement overrides a setting. Profiles are attached through an {@link
 * ExecutionProfileHandle} ({@link #intoHandle()}), which can later be remapped to another profile.
 *
 * <pre>{@code
 * ExecutionProfile p = ExecutionProfile.builder()
 *     .consistency(Consistency.ONE)
 *     .requestTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class ExecutionProfile {
  /** The default consistency: LOCAL_QUORUM, as in the Rust driver. */
  public static final Consistency DEFAULT_CONSISTENCY = Consistency.LOCAL_QUORUM;

  /** The default serial consistency: LOCAL_SERIAL. */
  public static final SerialConsistency DEFAULT_SERIAL_CONSISTENCY = SerialConsistency.LOCAL_SERIAL;

  /** The default client-side request timeout: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final Consistency consistency;
  private final SerialConsistency serialConsistency;
  private final Duration requestTimeout;
  private final LoadBalancingPolicy loadBalancingPolicy;
  private final RetryPolicy retryPolicy;
  private final SpeculativeExecutionPolicy speculativeExecutionPolicy;

  private ExecutionProfile(Builder b) {
    this.consistency = b.consistency;
    this.serialConsistency = b.serialConsistency;
    this.requestTimeout = b.requestTimeout;
    this.loadBalancingPolicy =
        b.loadBalancingPolicy != null
            ? b.loadBalancingPolicy
            : DefaultLoadBalancingPolicy.builder().build();
    this.retryPolicy = b.retryPolicy != null ? b.retryPolicy : DefaultRetryPolicy.INSTANCE;
    this.speculativeExecutionPolicy = b.speculativeExecutionPolicy;
  }

  /** Returns a builder with every setting at its default. Thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a profile with every setting at its default (a new default load-balancing policy each
   * call). Thread-safe.
   *
   * @return the profile
   */
  public static ExecutionProfile defaults() {
    return builder().build();
  }

  /** Returns a builder initialized with this profile's settings. Thread-safe. */
  public Builder toBuilder() {
    return new Builder()
        .consistency(consistency)
        .serialConsistency(serialConsistency)
        .requestTimeout(requestTimeout)
        .loadBalancingPolicy(loadBalancingPolicy)
        .retryPolicy(retryPolicy)
        .speculativeExecutionPolicy(speculativeExecutionPolicy);
  }

  /**
   * Wraps this profile in a new handle, to be given to statements and sessions. Thread-safe.
   *
   * @return a new handle pointing at this profile
   */
  public ExecutionProfileHandle intoHandle() {
    return new ExecutionProfileHandle(this);
  }

  /** The consistency of requests. Thread-safe. */
  public Consistency consistency() {
    return consistency;
  }

  /** The serial consistency of lightweight transactions. Thread-safe. */
  public SerialConsistency serialConsistency() {
    return serialConsistency;
  }

  /** The client-side request timeout, or empty for none. Thread-safe. */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /** The load-balancing policy. Thread-safe. */
  public LoadBalancingPolicy loadBalancingPolicy() {
    return loadBalancingPolicy;
  }

  /** The retry policy. Thread-safe. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The speculative execution policy. Thread-safe. */
  public SpeculativeExecutionPolicy speculativeExecutionPolicy() {
    return speculativeExecutionPolicy;
  }

  @Override
  public String toString() {
    return "ExecutionProfile[consistency="
        + consistency
        + ", serialConsistency="
        + serialConsistency
        + ", requestTimeout="
        + requestTimeout
        + ", loadBalancing="
        + loadBalancingPolicy.name()
        + ", retry="
        + retryPolicy.getClass().getSimpleName()
        + ", speculative="
        + speculativeExecutionPolicy.getClass().getSimpleName()
        + "]";
  }

  /** Builds an {@link ExecutionProfile}; not thread-safe. */
  public static final class Builder {
    private Consistency consistency = DEFAULT_CONSISTENCY;
    private SerialConsistency serialConsistency = DEFAULT_SERIAL_CONSISTENCY;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private LoadBalancingPolicy loadBalancingPolicy;
    private RetryPolicy retryPolicy;
    private SpeculativeExecutionPolicy speculativeExecutionPolicy = NoSpeculativeExecution.INSTANCE;

    private Builder() {}

    /**
     * Sets the consistency. Default: {@code LOCAL_QUORUM}.
     *
     * @param consistency the consistency; SERIAL and LOCAL_SERIAL are only valid for reads of
     *     lightweight-transaction state
     * @return this builder
     */
    public Builder consistency(Consistency consistency) {
      this.consistency = Objects.requireNonNull(consistency, "consistency");
      return this;
    }

    /**
     * Sets the serial consistency of lightweight transactions. Default: {@code LOCAL_SERIAL}.
     *
     * @param serialConsistency the serial consistency
     * @return this builder
     */
    public Builder serialConsistency(SerialConsistency serialConsistency) {
      this.serialConsistency = Objects.requireNonNull(serialConsistency, "serialConsistency");
      return this;
    }

    /**
     * Sets the client-side request timeout. Default: 30 seconds.
     *
     * @param requestTimeout a positive timeout, or {@code null} for none (the request then waits as
     *     long as the connection lives)
     * @return this builder
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public Builder requestTimeout(Duration requestTimeout) {
      if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
        throw new IllegalArgumentException(
            "request timeout must be positive, got " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Sets the load-balancing policy. Default: a new {@link DefaultLoadBalancingPolicy} with no
     * preferred datacenter.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder loadBalancingPolicy(LoadBalancingPolicy policy) {
      this.loadBalancingPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the retry policy. Default: {@link DefaultRetryPolicy}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the speculative execution policy. Default: {@link NoSpeculativeExecution}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder speculativeExecutionPolicy(SpeculativeExecutionPolicy policy) {
      this.speculativeExecutionPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Builds the profile; the builder can be reused. */
    public ExecutionProfile build() {
      return new ExecutionProfile(this);
    }
  }
}
