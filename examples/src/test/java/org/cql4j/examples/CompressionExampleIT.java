package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Compression;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@CassandraTest
class CompressionExampleIT {

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsOneMebibyte(Compression compression, TestCluster cassandra) {
    assertThat(CompressionExample.run(cassandra.contactPoints(), compression)).isEqualTo(1 << 20);
  }
}
