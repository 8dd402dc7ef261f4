package org.cql4j.testkit.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Cassandra release lines the test kit can start, and what differs between them; immutable and
 * thread-safe.
 *
 * <p>Each line has its own classpath module, resolved at build time ({@code cassandra-server} for
 * 5.0, {@code cassandra-server-4.1} for 4.1). Both run on Java 17 with the same cassandra.yaml: 4.1
 * introduced the unit-suffixed names ({@code commitlog_sync_period: 10000ms}, {@code
 * memtable_heap_space: 64MiB}, {@code *_enabled}) that {@link NodeFiles} writes. Only the JVM
 * options differ: see {@link #jvmOptions(String)}.
 */
public enum ServerVersion {
  /** Apache Cassandra 5.0 (5.0.9), the default. */
  V5_0("5.0", "cql4j.cassandra.classpath", "CQL4J_CASSANDRA_CLASSPATH", "cassandra-server"),

  /**
   * Apache Cassandra 4.1 (4.1.10), officially Java 8/11 only; started on Java 17 with more flags.
   */
  V4_1("4.1", "cql4j.cassandra41.classpath", "CQL4J_CASSANDRA41_CLASSPATH", "cassandra-server-4.1");

  /**
   * The system property choosing the version of nodes whose builder does not set one, among them
   * every node {@code @CassandraTest} starts: {@code 5.0} (default) or {@code 4.1}.
   */
  public static final String PROPERTY = "cql4j.test.cassandraVersion";

  // Cassandra 4.1's jamm 0.3.2 measures prepared statements (QueryProcessor.measurePstmnt) by
  // walking their object graphs reflectively; on Java 17 that needs these packages open. Without
  // java.util.concurrent the node dies at startup with InaccessibleObjectException on
  // ConcurrentHashMap$KeySetView.value, without java.nio on ByteBuffer.hb. The atomic and locks
  // packages are a margin: no statement tried needed them, but the same walk can reach their
  // classes' fields (AtomicLong, ReentrantLock) and would then fail that statement.
  private static final List<String> V4_1_OPENS =
      List.of(
          "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens", "java.base/java.util.concurrent.locks=ALL-UNNAMED",
          "--add-opens", "java.base/java.nio=ALL-UNNAMED",
          // from 4.1's own conf/jvm11-server.options, absent from 5.0's jvm17 list
          "--add-exports", "java.base/jdk.internal.util=ALL-UNNAMED");

  private static final Pattern JAMM_JAR = Pattern.compile("jamm-\\d.*\\.jar");

  private final String label;
  private final String classpathProperty;
  private final String classpathVariable;
  private final String classpathModule;

  ServerVersion(
      String label, String classpathProperty, String classpathVariable, String classpathModule) {
    this.label = label;
    this.classpathProperty = classpathProperty;
    this.classpathVariable = classpathVariable;
    this.classpathModule = classpathModule;
  }

  /**
   * Parses a version as users write it.
   *
   * @param label {@code 5.0} or {@code 4.1}
   * @return the version
   * @throws IllegalArgumentException for any other value, listing the supported ones
   */
  public static ServerVersion of(String label) {
    String wanted = label == null ? "" : label.strip();
    for (ServerVersion v : values()) {
      if (v.label.equals(wanted)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Unsupported Cassandra version '"
            + label
            + "': the test kit starts "
            + String.join(" or ", Arrays.stream(values()).map(v -> v.label).toList())
            + ".");
  }

  /**
   * The version named by the {@value #PROPERTY} system property, else 5.0.
   *
   * @throws IllegalArgumentException if the property names an unsupported version
   */
  public static ServerVersion fromSystemProperty() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return V5_0;
    }
    try {
      return of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": " + e.getMessage(), e);
    }
  }

  /** The release line as users write it, e.g. {@code 4.1}. */
  public String label() {
    return label;
  }

  /** The system property naming this version's classpath file. */
  public String classpathProperty() {
    return classpathProperty;
  }

  /** The environment variable naming this version's classpath file when the property is unset. */
  public String classpathVariable() {
    return classpathVariable;
  }

  /** The build module that writes this version's classpath file to {@code target/}. */
  public String classpathModule() {
    return classpathModule;
  }

  /**
   * The JVM options this version needs beyond those every node gets ({@link NodeCommand}).
   *
   * <p>5.0 needs none. 4.1 on Java 17 needs more open packages and jamm as a Java agent: without
   * the agent, jamm falls back to {@code Unsafe} and fails at startup with "can't get field offset
   * on a hidden class" (a lambda).
   *
   * @param classpath the version's runtime classpath, where jamm's jar is found
   * @throws IllegalStateException if 4.1's classpath holds no jamm jar
   */
  public List<String> jvmOptions(String classpath) {
    if (this == V5_0) {
      return List.of();
    }
    List<String> options = new ArrayList<>(V4_1_OPENS);
    options.add("-javaagent:" + jammJar(classpath));
    return options;
  }

  private Path jammJar(String classpath) {
    for (String entry : classpath.split(Pattern.quote(File.pathSeparator))) {
      Path path = Path.of(entry.strip());
      Path name = path.getFileName();
      if (name != null && JAMM_JAR.matcher(name.toString().toLowerCase(Locale.ROOT)).matches()) {
        return path;
      }
    }
    throw new IllegalStateException(
        "Cassandra "
            + label
            + "'s classpath (-D"
            + classpathProperty
            + ") holds no jamm jar, which it needs as a Java agent on Java 17. Rebuild the "
            + classpathModule
            + " module: ./mvnw install -DskipTests -pl "
            + classpathModule);
  }
}
