package org.cql4j.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cql4j.cli.Cql4jCli;
import org.cql4j.cli.stress.report.ReportJson;
import org.cql4j.cli.stress.report.StressReport;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.ProxyNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The stress tool against the ScyllaDB emulation of a 3-node ring: with its default connection
 * settings every operation reaches a replica of its partition, on the shard that owns its token, as
 * the proxy counts.
 */
@CassandraTest(nodes = 3, scyllaShards = 4)
class StressScyllaIT {

  private static int cli(StringWriter out, String... args) {
    CommandLine line = Cql4jCli.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(out, true));
    return line.execute(args);
  }

  @Test
  void everyOperationReachesTheShardThatOwnsItsPartition(TestCluster cluster, @TempDir Path dir)
      throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    String hosts = String.join(",", cluster.contactPoints());
    StringWriter out = new StringWriter();
    // the schema first, so that the proxy knows the keyspace's replication when it counts
    assertThat(cli(out, "stress", "kv", "--host", hosts, "-n", "1")).as(out.toString()).isZero();

    proxy.resetCounters();
    Path json = dir.resolve("scylla.json");
    int code =
        cli(
            out,
            "stress",
            "kv",
            "--skip-schema",
            "--host",
            hosts,
            "-n",
            "3000",
            "-c",
            "32",
            "--json",
            json.toString());
    assertThat(code).as(out.toString()).isZero();

    StressReport report = ReportJson.read(Files.readString(json, StandardCharsets.UTF_8));
    assertThat(report.all().ops()).isEqualTo(3000);
    long correct = proxy.nodes().stream().mapToLong(n -> n.routing().correct()).sum();
    long misrouted = proxy.nodes().stream().mapToLong(n -> n.routing().misrouted()).sum();
    assertThat(misrouted).as("operations sent to a wrong node or shard").isZero();
    assertThat(correct).isEqualTo(3000);
    for (ProxyNode node : proxy.nodes()) {
      for (int shard = 0; shard < 4; shard++) {
        assertThat(node.routing().correct(shard)).as("every shard serves its tokens").isPositive();
      }
    }
    assertThat(report.requestsByNode()).hasSize(3);
    assertThat(report.settings()).contains("token-aware: 100.0 % of");
  }
}
