package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.ProtocolVersion;

/**
 * A request asked for something the session's native protocol version cannot carry, such as a
 * per-request keyspace or a time set as now on a session that speaks v4 (ScyllaDB, or a version
 * pinned with {@code SessionBuilder.protocolVersion}). The session raises it before sending
 * anything, so the request had no effect and the session goes on working. Immutable and
 * thread-safe.
 *
 * <p>The message names the feature, the value asked for and the version spoken, and suggests what
 * to do instead.
 */
public class UnsupportedFeatureException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String feature;
  private final ProtocolVersion protocolVersion;

  /**
   * Creates the exception.
   *
   * @param message what was asked for, which version it needs and what to do instead
   * @param feature the feature, e.g. {@code "per-request keyspace"}
   * @param protocolVersion the version the session speaks
   */
  public UnsupportedFeatureException(
      String message, String feature, ProtocolVersion protocolVersion) {
    super(message);
    this.feature = feature;
    this.protocolVersion = protocolVersion;
  }

  /** The feature the request asked for, e.g. {@code "per-request keyspace"}. */
  public String feature() {
    return feature;
  }

  /** The native protocol version the session speaks, which lacks the feature. */
  public ProtocolVersion protocolVersion() {
    return protocolVersion;
  }
}
