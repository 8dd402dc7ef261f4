package org.cql4j.session.internal.request;

import java.util.OptionalInt;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.errors.UnsupportedFeatureException;
import org.cql4j.session.internal.context.SessionContext;

/**
 * Refuses, before anything is sent, what only native protocol v5 carries when the session speaks
 * v4: a per-request keyspace and a time set as now (native_protocol_v5.spec §4.1.4-4.1.7, flags
 * 0x80 and 0x100; PREPARE flag 0x01). Without this check the frame encoder would refuse the message
 * on the event loop, with a message about malformed bytes. Stateless and thread-safe.
 */
final class V5Only {
  private V5Only() {}

  /**
   * Checks a request against the version the session speaks.
   *
   * @param context the session
   * @param keyspace the request's own keyspace, or null
   * @param nowInSeconds the time the request sets as now, or empty
   * @return the error to fail the request with, or null when the session can send it
   */
  static UnsupportedFeatureException refusal(
      SessionContext context, String keyspace, OptionalInt nowInSeconds) {
    if (keyspace == null && nowInSeconds.isEmpty()) {
      return null; // the common case: no version to read
    }
    ProtocolVersion version = context.connectionSettings().protocolVersion();
    if (version.code() >= ProtocolVersion.V5.code()) {
      return null;
    }
    String why =
        context.config().protocolVersion() != null
            ? "the version was pinned with SessionBuilder.protocolVersion"
            : "the nodes did not accept v5, as ScyllaDB and Cassandra before 4.0 do not";
    if (keyspace != null) {
      return new UnsupportedFeatureException(
          "a per-request keyspace ('"
              + keyspace
              + "') needs native protocol v5, but this session speaks "
              + version
              + " ("
              + why
              + "): qualify the table names with the keyspace in the CQL text ("
              + keyspace
              + ".table) instead",
          "per-request keyspace",
          version);
    }
    return new UnsupportedFeatureException(
        "now_in_seconds ("
            + nowInSeconds.getAsInt()
            + ") needs native protocol v5, but this session speaks "
            + version
            + " ("
            + why
            + "): remove it with clearNowInSeconds()",
        "now_in_seconds",
        version);
  }
}
