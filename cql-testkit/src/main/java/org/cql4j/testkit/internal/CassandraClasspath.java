package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the Cassandra server classpath written at build time; stateless and thread-safe.
 *
 * <p>The {@code cassandra-server} module resolves {@code cassandra-all} and writes its runtime
 * classpath to a file, so no Cassandra jar ever lands on the classpath of the code under test. The
 * file is named by the {@code cql4j.cassandra.classpath} system property or the {@code
 * CQL4J_CASSANDRA_CLASSPATH} environment variable.
 */
public final class CassandraClasspath {
  /** The system property naming the classpath file. */
  public static final String PROPERTY = "cql4j.cassandra.classpath";

  private CassandraClasspath() {}

  /**
   * Reads the classpath file.
   *
   * @return the classpath, entries separated by the platform's path separator
   * @throws IllegalStateException if no file is configured, it is missing or it is empty, with the
   *     way to produce it
   */
  public static String read() {
    String location = System.getProperty(PROPERTY, System.getenv("CQL4J_CASSANDRA_CLASSPATH"));
    if (location == null || location.isBlank()) {
      throw new IllegalStateException(
          "No Cassandra classpath configured. Set -D"
              + PROPERTY
              + "=<file> to the classpath file that the cassandra-server module writes"
              + " (cassandra-server/target/cassandra.classpath), e.g. by building with ./mvnw install.");
    }
    Path file = Path.of(location);
    try {
      String classpath = Files.readString(file).strip();
      if (classpath.isEmpty()) {
        throw new IllegalStateException("The Cassandra classpath file " + file + " is empty.");
      }
      return classpath;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the Cassandra classpath file "
              + file
              + " ("
              + e
              + "). Build the cassandra-server module first: ./mvnw install -DskipTests",
          e);
    }
  }
}
