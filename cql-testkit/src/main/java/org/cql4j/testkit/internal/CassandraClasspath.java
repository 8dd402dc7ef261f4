package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Locates the Cassandra server classpath written at build time; stateless and thread-safe.
 *
 * <p>The {@code cassandra-server} module (5.0) and the {@code cassandra-server-4.1} module resolve
 * {@code cassandra-all} and write its runtime classpath to a file, so no Cassandra jar ever lands
 * on the classpath of the code under test. The file is named by a system property or environment
 * variable per version: {@code cql4j.cassandra.classpath} / {@code CQL4J_CASSANDRA_CLASSPATH} for
 * 5.0, {@code cql4j.cassandra41.classpath} / {@code CQL4J_CASSANDRA41_CLASSPATH} for 4.1.
 */
public final class CassandraClasspath {
  /** The system property naming the Cassandra 5.0 classpath file. */
  public static final String PROPERTY = ServerVersion.V5_0.classpathProperty();

  private CassandraClasspath() {}

  /**
   * Reads the Cassandra 5.0 classpath file.
   *
   * @return the classpath, entries separated by the platform's path separator
   * @throws IllegalStateException if no file is configured, it is missing or it is empty
   */
  public static String read() {
    return read(ServerVersion.V5_0);
  }

  /**
   * Reads the classpath file of one Cassandra version.
   *
   * @param version the version to run
   * @return the classpath, entries separated by the platform's path separator
   * @throws IllegalStateException if no file is configured, it is missing or it is empty, with the
   *     way to produce it
   */
  public static String read(ServerVersion version) {
    String property = version.classpathProperty();
    String module = version.classpathModule();
    String location = System.getProperty(property, System.getenv(version.classpathVariable()));
    if (location == null || location.isBlank()) {
      throw new IllegalStateException(
          "No Cassandra "
              + version.label()
              + " classpath configured. Set -D"
              + property
              + "=<file> (or the environment variable "
              + version.classpathVariable()
              + ") to the classpath file that the "
              + module
              + " module writes ("
              + module
              + "/target/cassandra.classpath), e.g. by building with ./mvnw install -DskipTests.");
    }
    Path file = Path.of(location);
    try {
      String classpath = Files.readString(file).strip();
      if (classpath.isEmpty()) {
        throw new IllegalStateException(
            "The Cassandra " + version.label() + " classpath file " + file + " is empty.");
      }
      return classpath;
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "The Cassandra "
              + version.label()
              + " classpath file "
              + file
              + " (-D"
              + property
              + ") does not exist. Build the "
              + module
              + " module first: ./mvnw install -DskipTests -pl "
              + module,
          e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the Cassandra "
              + version.label()
              + " classpath file "
              + file
              + " ("
              + e
              + "). Build the "
              + module
              + " module first: ./mvnw install -DskipTests -pl "
              + module,
          e);
    }
  }
}
