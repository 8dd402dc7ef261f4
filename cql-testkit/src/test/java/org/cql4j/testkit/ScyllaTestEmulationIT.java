package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without Docker, a {@code @ScyllaTest} class runs against the emulation and says so. */
@ScyllaTest
class ScyllaTestEmulationIT {

  @Test
  void runsAgainstTheEmulationAndSaysSo(TestCluster scylla) throws Exception {
    assumeTrue(
        ScyllaExtension.backend() == ScyllaExtension.Backend.EMULATION,
        "a Docker daemon runs ScyllaDB itself here");
    assertThat(scylla.description())
        .startsWith(
            "ScyllaDB emulation (CqlProxy, 4 shards per node) over Cassandra "
                + System.getProperty(CassandraExtension.VERSION_PROPERTY, "5.0")
                + ", 1 node");
    CqlProxy proxy = scylla.proxy().orElseThrow();
    assertThat(scylla.contactPoints()).isEqualTo(proxy.contactPoints());
    Map<String, List<String>> supported =
        NativeProtocolProbe.supportedOptions(
            proxy.node(1).proxyAddress(), null, Duration.ofSeconds(5));
    assertThat(supported.get("SCYLLA_NR_SHARDS")).containsExactly("4");
  }
}
