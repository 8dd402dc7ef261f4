package org.cql4j.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CqlIdentifiersTest {
  @Test
  void leavesPlainLowerCaseNamesBare() {
    assertThat(CqlIdentifiers.quoteIfNeeded("users")).isEqualTo("users");
    assertThat(CqlIdentifiers.quoteIfNeeded("a_1")).isEqualTo("a_1");
    assertThat(CqlIdentifiers.quoteIfNeeded("text")).isEqualTo("text"); // unreserved keyword
  }

  @Test
  void quotesNamesThatWouldNotReadBackTheSame() {
    assertThat(CqlIdentifiers.quoteIfNeeded("Users")).isEqualTo("\"Users\"");
    assertThat(CqlIdentifiers.quoteIfNeeded("1st")).isEqualTo("\"1st\"");
    assertThat(CqlIdentifiers.quoteIfNeeded("_x")).isEqualTo("\"_x\"");
    assertThat(CqlIdentifiers.quoteIfNeeded("a b")).isEqualTo("\"a b\"");
    assertThat(CqlIdentifiers.quoteIfNeeded("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CqlIdentifiers.quoteIfNeeded("")).isEqualTo("\"\"");
  }

  @Test
  void quotesReservedKeywords() {
    for (String word : List.of("select", "table", "order", "view", "materialized", "token")) {
      assertThat(CqlIdentifiers.isReserved(word.toUpperCase())).isTrue();
      assertThat(CqlIdentifiers.quoteIfNeeded(word)).isEqualTo("\"" + word + "\"");
    }
    assertThat(new ColumnType.UserType("ks", "select", List.of())).hasToString("ks.\"select\"");
  }
}
