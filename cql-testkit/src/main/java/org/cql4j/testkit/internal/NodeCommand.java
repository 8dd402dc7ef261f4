package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line that runs one Cassandra node as its own JVM; stateless and thread-safe.
 *
 * <p>The flags are those measured in embedded-cassandra.md §3: the module opens and exports of
 * upstream's {@code conf/jvm17-server.options}, and system properties that make a throwaway node
 * start fast (no fsync of system tables, no memtable overhead estimate, the default superuser at
 * once). Options that only one Cassandra version needs come from {@link ServerVersion}. The
 * classpath goes into an argument file so the process list stays readable.
 */
public final class NodeCommand {
  private static final List<String> JPMS_FLAGS =
      List.of(
          "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
          "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens", "java.base/java.io=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED",
          "--add-opens", "java.base/java.util=ALL-UNNAMED");

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private NodeCommand() {}

  /**
   * Returns the command that starts the node.
   *
   * @param s the node's settings
   * @param yaml the node's cassandra.yaml
   * @param classpath Cassandra's runtime classpath
   * @return the program and its arguments
   * @throws IOException if the argument file cannot be written
   */
  public static List<String> build(NodeSettings s, Path yaml, String classpath) throws IOException {
    Path argFile = s.confDirectory().resolve("classpath.args");
    Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");

    List<String> command = new ArrayList<>();
    if (shouldDropMemoryLock()) {
      // As root, Cassandra's mlockall succeeds and pins ~1.45 GB per node and costs ~10 s at
      // start (embedded-cassandra.md §2). Dropping CAP_IPC_LOCK makes it fail harmlessly.
      command.addAll(List.of(SETPRIV.toString(), "--bounding-set", "-ipc_lock"));
    }
    command.add(JavaRuntimes.javaExecutable(s.javaHome()).toString());
    command.add("-Xms" + s.heap());
    command.add("-Xmx" + s.heap());
    command.add("-Djdk.attach.allowAttachSelf=true");
    command.addAll(JPMS_FLAGS);
    command.add("-Dio.netty.tryReflectionSetAccessible=true");
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.config=" + yaml.toUri());
    command.add("-Dlogback.configurationFile=" + s.confDirectory().resolve("logback.xml").toUri());
    command.add("-Dcassandra.logdir=" + s.logDirectory());
    command.add("-Dcassandra.unsafesystem=true");
    command.add("-Dcassandra.memtable.row_overhead_size=180");
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    if (s.fastJoin()) {
      // embedded-cassandra.md §6: a 3-node ring in ~20 s instead of ~2 minutes
      command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
      command.add("-Dcassandra.ring_delay_ms=5000");
    }
    command.addAll(s.version().jvmOptions(classpath));
    command.addAll(s.extraJvmOptions());
    command.add("@" + argFile);
    command.add("org.apache.cassandra.service.CassandraDaemon");
    return command;
  }

  private static boolean shouldDropMemoryLock() {
    return "root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV);
  }
}
