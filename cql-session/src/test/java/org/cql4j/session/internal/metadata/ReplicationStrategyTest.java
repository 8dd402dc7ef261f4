package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicationStrategyTest {
  private static final String LOCATOR = "org.apache.cassandra.locator.";

  @Test
  void readsSimpleStrategyWithTheClassWrittenInFullOrShort() {
    assertThat(parse(LOCATOR + "SimpleStrategy", "replication_factor", "3"))
        .isEqualTo(new SimpleReplication(3))
        .isEqualTo(parse("SimpleStrategy", "replication_factor", "3"));
  }

  @Test
  void readsNetworkTopologyStrategyFactorsPerDatacenter() {
    assertThat(parse(LOCATOR + "NetworkTopologyStrategy", "dc1", "3", "dc2", "0"))
        .isEqualTo(new NetworkTopologyReplication(Map.of("dc1", 3, "dc2", 0)))
        .isEqualTo(parse("NetworkTopologyStrategy", "dc2", "0", "dc1", "3"));
    assertThat(parse("NetworkTopologyStrategy"))
        .isEqualTo(new NetworkTopologyReplication(Map.of()));
  }

  @Test
  void countsTransientReplicasAsReplicas() {
    assertThat(parse("SimpleStrategy", "replication_factor", "3/1"))
        .isEqualTo(new SimpleReplication(3));
    assertThat(parse("NetworkTopologyStrategy", "dc1", "5/2", "dc2", "2/0"))
        .isEqualTo(new NetworkTopologyReplication(Map.of("dc1", 5, "dc2", 2)));
  }

  @Test
  void readsLocalAndEverywhereStrategies() {
    assertThat(parse(LOCATOR + "LocalStrategy")).isEqualTo(LocalReplication.INSTANCE);
    assertThat(parse("LocalStrategy")).isEqualTo(LocalReplication.INSTANCE);
    assertThat(parse(LOCATOR + "EverywhereStrategy")).isEqualTo(EverywhereReplication.INSTANCE);
  }

  @Test
  void anUnknownStrategyIsUnsupportedAndNamed() {
    assertThat(parse("com.example.MyStrategy", "replication_factor", "3"))
        .isEqualTo(
            new UnsupportedReplication("unknown replication strategy com.example.MyStrategy"));
  }

  @Test
  void optionsWithoutAClassAreUnsupported() {
    assertThat(ReplicationStrategy.parse(Map.of("replication_factor", "3")))
        .isInstanceOf(UnsupportedReplication.class);
    assertThat(ReplicationStrategy.parse(null)).isInstanceOf(UnsupportedReplication.class);
  }

  @Test
  void simpleStrategyWithoutAFactorIsUnsupported() {
    assertThat(parse("SimpleStrategy"))
        .isEqualTo(new UnsupportedReplication("SimpleStrategy without a replication_factor"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "three", "", "3.0", "3/", "/1", "3/x", "1/2", "3/3", "99999999999"})
  void aMalformedFactorIsUnsupportedAndQuoted(String factor) {
    assertThat(parse("SimpleStrategy", "replication_factor", factor))
        .isEqualTo(
            new UnsupportedReplication("SimpleStrategy with replication_factor '" + factor + "'"));
    assertThat(parse("NetworkTopologyStrategy", "dc1", "3", "dc2", factor))
        .isEqualTo(
            new UnsupportedReplication(
                "NetworkTopologyStrategy with replication factor '"
                    + factor
                    + "' for datacenter dc2"));
  }

  private static ReplicationStrategy parse(String className, String... options) {
    Map<String, String> replication = new HashMap<>();
    replication.put("class", className);
    for (int i = 0; i < options.length; i += 2) {
      replication.put(options[i], options[i + 1]);
    }
    return ReplicationStrategy.parse(replication);
  }
}
