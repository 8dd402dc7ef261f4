package org.cql4j.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cql4j.protocol.ProtocolVersion;

/**
 * The drivers the end-to-end benchmark can measure, by the name given to {@code --drivers};
 * thread-safe (immutable after class initialization).
 */
public final class Drivers {
  private static final Map<String, Supplier<DriverUnderTest>> REGISTRY = new LinkedHashMap<>();

  static {
    // The comparison driver: org.apache.cassandra:java-driver-core 4.19.3.
    REGISTRY.put("java", JavaDriver::new);

    // The driver under test: the report compares "cql4j" to "java" when both are measured.
    REGISTRY.put("cql4j", () -> new Cql4jDriver(false, null));

    // cql4j with a speculative policy that never fires, for the cost of the policy itself
    REGISTRY.put("cql4j-speculative", () -> new Cql4jDriver(true, null));

    // cql4j pinned to protocol v4, beside "cql4j" (v5 on Cassandra 4.0+) for what v5 costs
    REGISTRY.put("cql4j-v4", () -> new Cql4jDriver(false, ProtocolVersion.V4));
  }

  private Drivers() {}

  /** The registered driver names, in registration order. */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * Creates a driver adapter.
   *
   * @param name a registered name, e.g. {@code "java"}
   * @return a new, unconnected adapter
   * @throws IllegalArgumentException if no driver has that name
   */
  public static DriverUnderTest create(String name) {
    Supplier<DriverUnderTest> factory = REGISTRY.get(name);
    if (factory == null) {
      throw new IllegalArgumentException(unknown(name));
    }
    return factory.get();
  }

  /** Checks that a name is registered, with a message saying how to add it. */
  static void require(String name) {
    if (!REGISTRY.containsKey(name)) {
      throw new IllegalArgumentException(unknown(name));
    }
  }

  private static String unknown(String name) {
    return "No driver named '"
        + name
        + "' is registered; known: "
        + String.join(", ", REGISTRY.keySet())
        + ".";
  }
}
