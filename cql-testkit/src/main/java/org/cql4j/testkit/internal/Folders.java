package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and deletes node folders; stateless and thread-safe. */
public final class Folders {
  private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

  /** The system property naming the folder under which nodes keep their files. */
  public static final String WORK_DIRECTORY_PROPERTY = "cql4j.testkit.workDir";

  private Folders() {}

  /**
   * The folder under which nodes are created unless the caller names one: the {@code
   * cql4j.testkit.workDir} system property, else {@code cql4j-testkit} in the temporary folder.
   */
  public static Path defaultWorkDirectory() {
    String configured = System.getProperty(WORK_DIRECTORY_PROPERTY);
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "cql4j-testkit");
  }

  /**
   * Creates a new, empty folder with a readable prefix under a parent.
   *
   * @param parent where to create it (created if missing)
   * @param prefix the start of its name, e.g. {@code node-127.0.0.1-9042-}
   * @return the new folder
   */
  public static Path createUnique(Path parent, String prefix) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a folder under " + parent + ": " + e, e);
    }
  }

  /** Deletes a folder and everything in it; a failure is logged, not thrown. */
  public static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", folder, e.toString());
    }
  }
}
