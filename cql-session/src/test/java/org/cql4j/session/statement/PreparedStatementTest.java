package org.cql4j.session.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.junit.jupiter.api.Test;

class PreparedStatementTest {
  static final ColumnSpec A = new ColumnSpec("ks", "t", "a", ColumnType.INT);
  static final ColumnSpec B = new ColumnSpec("ks", "t", "b", ColumnType.TEXT);

  static PreparedStatement prepared() {
    PreparedResult r =
        new PreparedResult(
            new byte[] {1, 2, 3},
            new byte[] {9},
            PreparedMetadata.of(List.of(0), List.of(A)),
            RowsMetadata.of(List.of(A, B), null));
    return PreparedStatements.create("SELECT a, b FROM ks.t WHERE a = ?", r, false);
  }

  @Test
  void exposesWhatTheServerPrepared() {
    PreparedStatement ps = prepared();
    assertThat(ps.cql()).isEqualTo("SELECT a, b FROM ks.t WHERE a = ?");
    assertThat(ps.id()).containsExactly(1, 2, 3);
    assertThat(ps.resultMetadataId()).hasValueSatisfying(id -> assertThat(id).containsExactly(9));
    assertThat(ps.variables()).containsExactly(A);
    assertThat(ps.partitionKeyIndexes()).containsExactly(0);
    assertThat(ps.isTokenAware()).isTrue();
    assertThat(ps.isLwt()).isFalse();
    assertThat(ps.resultColumns()).containsExactly(A, B);
    assertThat(ps.keyspace()).contains("ks");
  }

  @Test
  void idIsCopiedSoCallersCannotCorruptIt() {
    PreparedStatement ps = prepared();
    ps.id()[0] = 42;
    assertThat(ps.id()[0]).isEqualTo((byte) 1);
    assertThat(PreparedStatements.access().rawId(ps)[0]).isEqualTo((byte) 1);
  }

  @Test
  void sessionCanReplaceResultMetadataAndCopySettings() {
    PreparedStatement ps = prepared();
    PreparedStatements.access()
        .updateResultMetadata(ps, new byte[] {7}, RowsMetadata.of(List.of(B), null));
    assertThat(ps.resultColumns()).containsExactly(B);
    assertThat(PreparedStatements.access().rawResultMetadataId(ps)).containsExactly(7);

    Statement source = new Statement("x").setConsistency(Consistency.ONE).setPageSize(7);
    PreparedStatements.access().copySettings(source, ps);
    assertThat(ps.getConsistency()).contains(Consistency.ONE);
    assertThat(ps.getPageSize()).isEqualTo(7);
  }

  @Test
  void copiesHaveTheirOwnSettingsAndShareThePreparedData() {
    PreparedStatement shared = prepared().setTracing(true).setPageSize(10);
    PreparedStatement copy = shared.copy().setTimestamp(42L).setPageSize(20);
    assertThat(copy.isTracing()).isTrue();
    assertThat(copy.getPageSize()).isEqualTo(20);
    assertThat(shared.getPageSize()).isEqualTo(10);
    assertThat(shared.getTimestamp()).isEmpty();
    assertThat(copy.id()).isEqualTo(shared.id());
    assertThat(copy.variables()).isSameAs(shared.variables());
  }

  @Test
  void remembersTheKeyspaceItWasPreparedInForCopiesAndPreparingAgain() {
    PreparedResult r =
        new PreparedResult(
            new byte[] {4},
            null,
            PreparedMetadata.of(List.of(), List.of()),
            RowsMetadata.of(List.of(), null));
    PreparedStatement ps =
        PreparedStatements.create("INSERT INTO kv (k, v) VALUES (1, 'a')", "ks1", r, false);
    assertThat(ps.keyspace()).as("no column names one: the PREPARE's keyspace").contains("ks1");
    PreparedStatement copy = ps.setNowInSeconds(9).copy();
    assertThat(copy.getNowInSeconds()).hasValue(9);
    assertThat(PreparedStatements.access().prepareKeyspace(copy)).isEqualTo("ks1");
    assertThat(PreparedStatements.prepareAgain(copy))
        .isEqualTo(new Prepare("INSERT INTO kv (k, v) VALUES (1, 'a')", "ks1"));
    assertThat(PreparedStatements.prepareAgain(prepared()))
        .isEqualTo(new Prepare("SELECT a, b FROM ks.t WHERE a = ?"));
  }

  @Test
  void batchAcceptsPreparedStatements() {
    PreparedStatement ps = prepared();
    Batch b = new Batch(BatchType.LOGGED).appendStatement(ps).appendStatement("UPDATE x");
    assertThat(b.statements().get(0)).isSameAs(ps);
  }
}
