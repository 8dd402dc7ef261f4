package org.cql4j.session.internal.request;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.statement.PreparedStatement;
import org.junit.jupiter.api.Test;

class BoundRowTest {
  record NotProcessed(int a) {}

  static final ColumnSpec A = new ColumnSpec("ks", "t", "a", ColumnType.INT);

  private static PreparedStatement insert() {
    PreparedResult r =
        new PreparedResult(
            new byte[] {1},
            new byte[] {9},
            PreparedMetadata.of(List.of(0), List.of(A)),
            RowsMetadata.of(List.of(), null));
    return PreparedStatements.create("INSERT INTO ks.t (a) VALUES (?)", r, false);
  }

  /** The build forgot the annotation processor: the error says so, not "unsupported values". */
  @Test
  void aRecordWithoutAGeneratedCodecSaysHowToFixTheBuild() {
    assertThatThrownBy(() -> BoundRow.of(insert(), new NotProcessed(1)))
        .isInstanceOf(CqlException.class)
        .hasMessageContaining("has no generated codec")
        .hasMessageContaining("is cql-mapper-processor on the annotation processor path?");
  }
}
