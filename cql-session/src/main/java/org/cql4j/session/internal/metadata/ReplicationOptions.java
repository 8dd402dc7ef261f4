package org.cql4j.session.internal.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stateless and thread-safe reader of the replication options of {@code system_schema.keyspaces}.
 */
final class ReplicationOptions {
  static final String CLASS = "class";
  static final String REPLICATION_FACTOR = "replication_factor";
  // Cassandra and ScyllaDB write the full class name; CQL also accepts the short one.
  private static final String PACKAGE = "org.apache.cassandra.locator.";

  private ReplicationOptions() {}

  static ReplicationStrategy parse(Map<String, String> replication) {
    if (replication == null || replication.get(CLASS) == null) {
      return new UnsupportedReplication("no replication class in " + replication);
    }
    String className = replication.get(CLASS);
    String strategy =
        className.startsWith(PACKAGE) ? className.substring(PACKAGE.length()) : className;
    return switch (strategy) {
      case "SimpleStrategy" -> simple(replication);
      case "NetworkTopologyStrategy" -> networkTopology(replication);
      case "LocalStrategy" -> LocalReplication.INSTANCE;
      case "EverywhereStrategy" -> EverywhereReplication.INSTANCE;
      default -> new UnsupportedReplication("unknown replication strategy " + className);
    };
  }

  private static ReplicationStrategy simple(Map<String, String> replication) {
    String value = replication.get(REPLICATION_FACTOR);
    if (value == null) {
      return new UnsupportedReplication("SimpleStrategy without a replication_factor");
    }
    int factor = factor(value);
    return factor < 0
        ? new UnsupportedReplication("SimpleStrategy with replication_factor '" + value + "'")
        : new SimpleReplication(factor);
  }

  private static ReplicationStrategy networkTopology(Map<String, String> replication) {
    Map<String, Integer> factors = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : replication.entrySet()) {
      if (option.getKey().equals(CLASS)) {
        continue;
      }
      // Every other option names a datacenter: Cassandra 4+ expands a replication_factor option
      // into the datacenters when the keyspace is created, so none is stored.
      int factor = factor(option.getValue());
      if (factor < 0) {
        return new UnsupportedReplication(
            "NetworkTopologyStrategy with replication factor '"
                + option.getValue()
                + "' for datacenter "
                + option.getKey());
      }
      factors.put(option.getKey(), factor);
    }
    return new NetworkTopologyReplication(factors);
  }

  /**
   * Reads a replication factor: {@code 3}, or {@code 3/1} with transient replication (Cassandra 4+:
   * three replicas of which one is transient), which places three replicas.
   *
   * @return the number of replicas, or -1 if malformed
   */
  static int factor(String value) {
    if (value == null) {
      return -1;
    }
    int slash = value.indexOf('/');
    int all = number(slash < 0 ? value : value.substring(0, slash));
    if (slash < 0 || all < 0) {
      return all;
    }
    int transientReplicas = number(value.substring(slash + 1));
    // Cassandra's ReplicationFactor.validate: at least one replica must be full.
    boolean valid = transientReplicas == 0 || (transientReplicas > 0 && transientReplicas < all);
    return valid ? all : -1;
  }

  // a non-negative decimal int, or -1
  private static int number(String digits) {
    String trimmed = digits.trim();
    if (trimmed.isEmpty() || trimmed.length() > 9) {
      return -1;
    }
    for (int i = 0; i < trimmed.length(); i++) {
      if (trimmed.charAt(i) < '0' || trimmed.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(trimmed);
  }
}
