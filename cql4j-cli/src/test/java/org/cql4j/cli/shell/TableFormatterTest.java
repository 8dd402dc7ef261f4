package org.cql4j.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTest {

  @Test
  void alignsLikeCqlsh() {
    List<String> lines =
        TableFormatter.format(
            List.of("id", "name"),
            List.of(List.of("1", "Ada"), List.of("22", "Edsger"), List.of("3", "null")));
    assertThat(lines)
        .containsExactly(
            " id | name", "----+--------", "  1 |    Ada", " 22 | Edsger", "  3 |   null");
  }

  @Test
  void aHeaderWiderThanItsValuesSetsTheWidth() {
    assertThat(TableFormatter.format(List.of("a", "long_name"), List.of(List.of("x", "y"))))
        .containsExactly(" a | long_name", "---+-----------", " x |         y");
  }

  @Test
  void anEmptyResultHasHeaderAndSeparator() {
    assertThat(TableFormatter.format(List.of("k", "v"), List.of()))
        .containsExactly(" k | v", "---+---");
  }

  @Test
  void wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
    assertThat(TableFormatter.width("日本")).isEqualTo(4);
    assertThat(TableFormatter.width("e\u0301")).isEqualTo(1);
    assertThat(TableFormatter.width("\uD83D\uDE00")).isEqualTo(2);
    List<String> lines =
        TableFormatter.format(List.of("name"), List.of(List.of("日本"), List.of("abcdef")));
    assertThat(lines).containsExactly(" name", "--------", "   日本", " abcdef");
  }
}
