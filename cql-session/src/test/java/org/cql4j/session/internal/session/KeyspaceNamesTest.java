package org.cql4j.session.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyspaceNamesTest {

  @Test
  void lowerCasesUnlessCaseSensitive() {
    assertThat(KeyspaceNames.toCql("MyKs", false)).isEqualTo("myks");
    assertThat(KeyspaceNames.toCql("MyKs", true)).isEqualTo("\"MyKs\"");
  }

  @Test
  void rejectsNamesCassandraWouldRefuse() {
    assertThatThrownBy(() -> KeyspaceNames.toCql("ks; DROP TABLE x", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid keyspace name");
    assertThatThrownBy(() -> KeyspaceNames.toCql("", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyspaceNames.toCql("k".repeat(49), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
