package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java 17 runtime to run Cassandra nodes with; stateless and thread-safe.
 *
 * <p>Cassandra 5.0 runs on Java 11 or 17 only (on Java 25 it fails with "Setting a system-wide
 * Policy object is not supported"), and 4.1 is run on 17 too (with the options of {@link
 * ServerVersion#jvmOptions}), while the tests that start it may run on a newer JDK. The search
 * order: the {@code cql4j.cassandra.javaHome} system property, the {@code
 * CQL4J_CASSANDRA_JAVA_HOME} environment variable, the running JVM, {@code JAVA17_HOME}, {@code
 * JAVA_HOME_17_X64}, {@code JAVA_HOME}, then the usual install folders.
 */
public final class JavaRuntimes {
  /** The Java feature version Cassandra 5.0 and 4.1 are run with. */
  public static final int REQUIRED_FEATURE_VERSION = 17;

  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaRuntimes() {}

  /**
   * Returns the home folder of a Java 17 runtime.
   *
   * @param override a home folder the caller chose, or null to search
   * @return a folder whose {@code bin/java} is a Java 17 runtime
   * @throws IllegalStateException if none is found, listing where it looked and how to point at one
   */
  public static Path findJava17(Path override) {
    List<String> looked = new ArrayList<>();
    for (Path candidate : candidates(override)) {
      looked.add(candidate.toString());
      if (featureVersion(candidate).orElse(-1) == REQUIRED_FEATURE_VERSION
          && Files.isExecutable(javaExecutable(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No Java "
            + REQUIRED_FEATURE_VERSION
            + " runtime found to run Cassandra (5.0 and 4.1 do not start on newer Java). Looked in: "
            + String.join(", ", looked)
            + ". Install a Java 17 JDK or point at one with -Dcql4j.cassandra.javaHome=/path/to/jdk17"
            + " or the environment variable CQL4J_CASSANDRA_JAVA_HOME.");
  }

  /** The {@code java} launcher inside a Java home folder. */
  public static Path javaExecutable(Path javaHome) {
    return javaHome.resolve("bin").resolve("java");
  }

  /**
   * Reads the feature version of the runtime in a Java home from its {@code release} file.
   *
   * @param javaHome a Java home folder
   * @return the feature version (17 for 17.0.15), or empty if the folder holds no readable runtime
   */
  static Optional<Integer> featureVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Path> candidates(Path override) {
    List<Path> result = new ArrayList<>();
    if (override != null) {
      result.add(override);
      return result;
    }
    addIfSet(result, System.getProperty("cql4j.cassandra.javaHome"));
    addIfSet(result, System.getenv("CQL4J_CASSANDRA_JAVA_HOME"));
    if (!result.isEmpty()) {
      return result; // an explicit choice is never second-guessed
    }
    addIfSet(result, System.getProperty("java.home"));
    addIfSet(result, System.getenv("JAVA17_HOME"));
    addIfSet(result, System.getenv("JAVA_HOME_17_X64"));
    addIfSet(result, System.getenv("JAVA_HOME"));
    String userHome = System.getProperty("user.home");
    for (String parent :
        List.of(
            "/usr/lib/jvm",
            "/usr/java",
            "/opt/java",
            "/opt",
            userHome + "/.sdkman/candidates/java",
            userHome + "/.jdks",
            "/Library/Java/JavaVirtualMachines")) {
      addChildren(result, Path.of(parent));
    }
    return result;
  }

  private static void addIfSet(List<Path> result, String value) {
    if (value != null && !value.isBlank()) {
      result.add(Path.of(value));
    }
  }

  private static void addChildren(List<Path> result, Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
      for (Path child : children) {
        Path macHome = child.resolve("Contents").resolve("Home");
        result.add(Files.isDirectory(macHome) ? macHome : child);
      }
    } catch (IOException e) {
      // an unreadable folder simply holds no candidate
    }
  }
}
