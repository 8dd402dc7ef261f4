package org.cql4j.session.internal.profile;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.observability.HistoryListener;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.policy.SpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.StatementSettings;

/**
 * The settings one request runs with, resolved once when it starts. Immutable and thread-safe.
 *
 * <p>Priority (api.md, "Execution profiles"): a setting on the statement beats the statement's
 * handle, which beats the session's default handle. A profile is always complete, so the handle
 * that applies (the statement's, else the session's) supplies every setting the statement leaves
 * unset. Handles are read once here, so a remap during a request does not affect it. The result is
 * kept on the statement until one of its settings changes or its handle maps to another profile, so
 * that executing a statement again allocates nothing here.
 *
 * @param profile the profile that applied (through the statement's or the session's handle)
 * @param consistency the consistency to send
 * @param serialConsistency the serial consistency to send
 * @param requestTimeout the client-side timeout, or {@code null} for none
 * @param pageSize the page size
 * @param timestamp the write timestamp to send, or empty
 * @param nowInSeconds the time the server takes as now, in seconds since the epoch, or empty
 * @param tracing whether to ask for tracing
 * @param idempotent whether the statement is idempotent
 * @param history the statement's history listener, or null
 */
public record EffectiveSettings(
    ExecutionProfile profile,
    Consistency consistency,
    SerialConsistency serialConsistency,
    Duration requestTimeout,
    int pageSize,
    OptionalLong timestamp,
    OptionalInt nowInSeconds,
    boolean tracing,
    boolean idempotent,
    HistoryListener history) {

  /**
   * Resolves the settings of a request. Thread-safe.
   *
   * @param statement the statement being executed (a {@code Statement}, {@code PreparedStatement}
   *     or {@code Batch})
   * @param sessionDefault the session's default handle
   * @return the effective settings
   */
  public static EffectiveSettings resolve(
      StatementSettings<?> statement, ExecutionProfileHandle sessionDefault) {
    Objects.requireNonNull(sessionDefault, "sessionDefault");
    ExecutionProfile profile =
        statement.getExecutionProfileHandle().orElse(sessionDefault).profile();
    // a statement executed again with unchanged settings under the same profile: resolved already
    PreparedStatements.Access access = PreparedStatements.access();
    int version = access.settingsVersion(statement);
    if (access.resolvedSettings(statement) instanceof Resolved last
        && last.version() == version
        && last.settings().profile() == profile) {
      return last.settings();
    }
    EffectiveSettings settings =
        new EffectiveSettings(
            profile,
            statement.getConsistency().orElse(profile.consistency()),
            statement.getSerialConsistency().orElse(profile.serialConsistency()),
            statement.getRequestTimeout().orElse(profile.requestTimeout().orElse(null)),
            statement.getPageSize(),
            statement.getTimestamp(),
            statement.getNowInSeconds(),
            statement.isTracing(),
            statement.isIdempotent(),
            statement.getHistoryListener());
    access.resolvedSettings(statement, new Resolved(settings, version));
    return settings;
  }

  // kept on the statement: the settings resolved from one version of its settings
  private record Resolved(EffectiveSettings settings, int version) {}

  /** The profile's load-balancing policy. */
  public LoadBalancingPolicy loadBalancingPolicy() {
    return profile.loadBalancingPolicy();
  }

  /** The profile's retry policy. */
  public RetryPolicy retryPolicy() {
    return profile.retryPolicy();
  }

  /** The profile's speculative execution policy. */
  public SpeculativeExecutionPolicy speculativeExecutionPolicy() {
    return profile.speculativeExecutionPolicy();
  }
}
