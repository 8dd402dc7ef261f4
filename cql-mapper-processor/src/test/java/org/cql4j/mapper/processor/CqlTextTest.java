package org.cql4j.mapper.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The markers and selected columns the processor reads from CQL text. */
class CqlTextTest {

  @Test
  void countsPositionalMarkersOutsideLiteralsNamesAndComments() {
    CqlText text =
        CqlText.read(
            "INSERT INTO t (a, \"b?\", c) VALUES (?, '?''s', ?) -- a comment?\n"
                + "USING TTL ? /* ? */ // ?");
    assertThat(text.positionalMarkers()).isEqualTo(3);
    assertThat(text.namedMarkers()).isEmpty();
  }

  @Test
  void readsNamedMarkersFoldingUnquotedNames() {
    CqlText text =
        CqlText.read("UPDATE t SET a = :Value, b = :\"Exact\" WHERE k = :key AND c = :key");
    assertThat(text.namedMarkers()).containsExactly("value", "Exact", "key", "key");
    assertThat(text.positionalMarkers()).isZero();
    assertThat(CqlText.read("SELECT a FROM t WHERE b = $$:not?a marker$$").namedMarkers())
        .isEmpty();
  }

  @Test
  void namesTheSelectedColumns() {
    assertThat(CqlText.read("SELECT id, Name, \"Mixed\", writetime(v) AS w FROM ks.t").selected())
        .contains(List.of("id", "name", "Mixed", "w"));
    assertThat(CqlText.read("select distinct k from t").selected()).contains(List.of("k"));
    assertThat(CqlText.read("SELECT * FROM t").selected()).isEmpty();
    assertThat(CqlText.read("SELECT count(*) FROM t").selected())
        .as("a function call without an alias: only the schema knows its name")
        .isEqualTo(Optional.empty());
    assertThat(CqlText.read("SELECT JSON a FROM t").selected()).isEmpty();
    assertThat(CqlText.read("INSERT INTO t (a) VALUES (?)").selected()).isEmpty();
  }

  @Test
  void anUnterminatedLiteralIsRefused() {
    assertThatThrownBy(() -> CqlText.read("SELECT a FROM t WHERE b = 'x"))
        .hasMessage("an unterminated string literal");
    assertThatThrownBy(() -> CqlText.read("SELECT \"a FROM t"))
        .hasMessage("an unterminated quoted name");
    assertThatThrownBy(() -> CqlText.read("SELECT a FROM t /* x"))
        .hasMessage("an unterminated /* comment");
  }
}
