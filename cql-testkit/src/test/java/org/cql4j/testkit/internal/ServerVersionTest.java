package org.cql4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerVersionTest {

  @Test
  void parsesTheSupportedVersionsAndNamesThemWhenRefusingAnother() {
    assertThat(ServerVersion.of("5.0")).isEqualTo(ServerVersion.V5_0);
    assertThat(ServerVersion.of(" 4.1 ")).isEqualTo(ServerVersion.V4_1);
    assertThatThrownBy(() -> ServerVersion.of("4.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unsupported Cassandra version '4.0': the test kit starts 5.0 or 4.1.");
  }

  @Test
  void readsTheVersionFromTheSystemPropertyAndDefaultsTo50() {
    String before = System.getProperty(ServerVersion.PROPERTY);
    try {
      System.clearProperty(ServerVersion.PROPERTY);
      assertThat(ServerVersion.fromSystemProperty()).isEqualTo(ServerVersion.V5_0);
      System.setProperty(ServerVersion.PROPERTY, "4.1");
      assertThat(ServerVersion.fromSystemProperty()).isEqualTo(ServerVersion.V4_1);
      System.setProperty(ServerVersion.PROPERTY, "6.0");
      assertThatThrownBy(ServerVersion::fromSystemProperty)
          .hasMessageStartingWith("-Dcql4j.test.cassandraVersion=6.0: Unsupported");
    } finally {
      restore(ServerVersion.PROPERTY, before);
    }
  }

  @Test
  void gives41TheJammAgentAndTheOpensItNeedsOnJava17() {
    String classpath =
        String.join(
            File.pathSeparator,
            "/m2/org/apache/cassandra/cassandra-all/4.1.10/cassandra-all-4.1.10.jar",
            "/m2/com/github/jbellis/jamm/0.3.2/jamm-0.3.2.jar");

    assertThat(ServerVersion.V5_0.jvmOptions(classpath)).isEmpty();
    assertThat(ServerVersion.V4_1.jvmOptions(classpath))
        .contains("-javaagent:/m2/com/github/jbellis/jamm/0.3.2/jamm-0.3.2.jar")
        .containsSequence("--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED")
        .containsSequence("--add-opens", "java.base/java.nio=ALL-UNNAMED");
    assertThatThrownBy(() -> ServerVersion.V4_1.jvmOptions("/m2/cassandra-all-4.1.10.jar"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no jamm jar")
        .hasMessageContaining("cassandra-server-4.1");
  }

  @Test
  void commandOfA41NodeCarriesTheVersionOptionsBeforeTheCallersAndTheMainClass(@TempDir Path dir)
      throws Exception {
    String classpath = "/m2/jamm-0.3.2.jar";
    Files.createDirectories(dir.resolve("conf"));
    List<String> four = NodeCommand.build(settings(ServerVersion.V4_1, dir), dir, classpath);
    List<String> five = NodeCommand.build(settings(ServerVersion.V5_0, dir), dir, classpath);

    assertThat(four)
        .containsSubsequence(
            "-Djdk.attach.allowAttachSelf=true",
            "java.base/java.util.concurrent=ALL-UNNAMED",
            "-javaagent:/m2/jamm-0.3.2.jar",
            "-Dcustom=1",
            "org.apache.cassandra.service.CassandraDaemon");
    assertThat(five).doesNotContain("-javaagent:/m2/jamm-0.3.2.jar").contains("-Dcustom=1");
  }

  @Test
  void saysWhichModuleToBuildWhenTheClasspathFileIsMissing(@TempDir Path dir) throws Exception {
    String property = ServerVersion.V4_1.classpathProperty();
    String before = System.getProperty(property);
    try {
      Path missing = dir.resolve("cassandra.classpath");
      System.setProperty(property, missing.toString());
      assertThatThrownBy(() -> CassandraClasspath.read(ServerVersion.V4_1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cassandra 4.1 classpath file " + missing)
          .hasMessageContaining("does not exist")
          .hasMessageContaining("./mvnw install -DskipTests -pl cassandra-server-4.1");

      Files.writeString(missing, "/a.jar" + File.pathSeparator + "/b.jar\n");
      assertThat(CassandraClasspath.read(ServerVersion.V4_1))
          .isEqualTo("/a.jar" + File.pathSeparator + "/b.jar");

      System.clearProperty(property);
      if (System.getenv(ServerVersion.V4_1.classpathVariable()) == null) {
        assertThatThrownBy(() -> CassandraClasspath.read(ServerVersion.V4_1))
            .hasMessageContaining("No Cassandra 4.1 classpath configured")
            .hasMessageContaining("-Dcql4j.cassandra41.classpath");
      }
    } finally {
      restore(property, before);
    }
  }

  private static NodeSettings settings(ServerVersion version, Path dir) {
    return new NodeSettings(
        version,
        "c",
        "127.0.0.7",
        9042,
        7000,
        "1G",
        false,
        null,
        List.of("127.0.0.7:7000"),
        false,
        Map.of(),
        List.of("-Dcustom=1"),
        dir,
        Path.of("/jdk"),
        Duration.ofMinutes(1),
        Duration.ofSeconds(1));
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
