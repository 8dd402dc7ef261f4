package org.cql4j.session.internal.routing;

import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.statement.PreparedStatement;

/** Builds what a request tells the load-balancing policy. Stateless and thread-safe. */
public final class Routing {
  private Routing() {}

  /**
   * The routing information of a request.
   *
   * @param context the session (its current keyspace routes statements that name none)
   * @param settings the request's effective settings
   * @param statement the prepared statement of an EXECUTE, else null
   * @param values its values serialized before routing, when it binds the partition key, else null
   * @param requestKeyspace the keyspace a QUERY, BATCH or PREPARE names for itself (protocol v5),
   *     which beats the session's, else null
   * @return the routing information; with a token when the values give one
   */
  public static RoutingInfo of(
      SessionContext context,
      EffectiveSettings settings,
      PreparedStatement statement,
      SerializedValues values,
      String requestKeyspace) {
    if (statement == null) {
      return RoutingInfo.withoutToken(
          requestKeyspace != null ? requestKeyspace : context.keyspace().name().orElse(null),
          null,
          settings.consistency(),
          settings.serialConsistency(),
          false);
    }
    String keyspace = statement.keyspace().orElse(null);
    String table = statement.table().orElse(null);
    // a serial read completes any Paxos round in progress: as contended as an LWT
    boolean lwt = statement.isLwt() || settings.consistency().isSerial();
    long token = values == null ? Long.MIN_VALUE : values.token(statement.partitionKeyIndexes());
    return token == Long.MIN_VALUE
        ? RoutingInfo.withoutToken(
            keyspace != null ? keyspace : context.keyspace().name().orElse(null),
            table,
            settings.consistency(),
            settings.serialConsistency(),
            lwt)
        : RoutingInfo.withToken(
            keyspace, table, token, settings.consistency(), settings.serialConsistency(), lwt);
  }
}
