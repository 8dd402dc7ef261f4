package org.cql4j.it.nullserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.NullCqlServer;
import org.junit.jupiter.api.Test;

/** A cql4j session connects to the testkit's null server and runs the benchmark statements. */
class SessionOnNullServerTest {

  @Test
  void preparesAndReadsCannedRows() {
    // tag::null-server[]
    List<CqlRow> rows = new ArrayList<>();
    try (NullCqlServer server = NullCqlServer.builder().rowsPerPartition(100).start();
        Session session = Session.builder().knownNode(server.contactPoint()).build()) {
      PreparedStatement partition =
          session.prepare("SELECT pk, ck, name FROM bench.items WHERE pk = ?");
      session
          .executeUnpaged(partition, Values.of(7L))
          .intoRowsResult()
          .rows(CqlRow.class)
          .forEach(rows::add);
    }
    // end::null-server[]
    assertThat(rows).hasSize(100);
    assertThat(rows.get(3).getInt("ck")).isEqualTo(3);
    assertThat(rows.get(3).getString("name")).isEqualTo(String.format("item-%010d", 3));
  }

  @Test
  void seesOneNodeInTheServersDataCenter() {
    try (NullCqlServer server = NullCqlServer.builder().start();
        Session session = Session.builder().knownNode(server.contactPoint()).build()) {
      List<Node> nodes = session.getClusterState().nodes();
      assertThat(nodes).singleElement().satisfies(node -> assertThat(node.isUp()).isTrue());
      assertThat(nodes.get(0).datacenter()).isEqualTo(NullCqlServer.DATA_CENTER);
    }
  }
}
