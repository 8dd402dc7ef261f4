package org.cql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void splitsAtSemicolonsAndDropsEmptyStatements() {
    assertThat(StatementSplitter.splitAll("SELECT 1 FROM t; ; INSERT INTO t (a) VALUES (1);"))
        .containsExactly("SELECT 1 FROM t", "INSERT INTO t (a) VALUES (1)");
  }

  @Test
  void keepsSemicolonsInsideQuotedStringsAndIdentifiers() {
    assertThat(
            StatementSplitter.splitAll(
                "INSERT INTO t (a) VALUES ('x;y''s;z'); SELECT \"we;ird\"\"x\" FROM t;"))
        .containsExactly("INSERT INTO t (a) VALUES ('x;y''s;z')", "SELECT \"we;ird\"\"x\" FROM t");
  }

  @Test
  void keepsSemicolonsInsideDollarStrings() {
    assertThat(
            StatementSplitter.splitAll(
                "CREATE FUNCTION f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java"
                    + " AS $$ return a; $$; SELECT 1 FROM t"))
        .containsExactly(
            "CREATE FUNCTION f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java"
                + " AS $$ return a; $$",
            "SELECT 1 FROM t");
  }

  @Test
  void dropsCommentsButNotCommentMarkersInStrings() {
    assertThat(
            StatementSplitter.splitAll(
                "-- a comment; still a comment\n"
                    + "SELECT a /* b; c */ FROM t // trailing; comment\n"
                    + "WHERE a = '--not; a comment';"))
        .containsExactly("SELECT a   FROM t \nWHERE a = '--not; a comment'");
  }

  @Test
  void waitsForTheSemicolonAcrossLines() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.isEmpty()).isTrue();
    assertThat(splitter.feed("SELECT a,")).isEmpty();
    assertThat(splitter.isEmpty()).isFalse();
    assertThat(splitter.feed("  b FROM t")).isEmpty();
    assertThat(splitter.feed("WHERE a = 1; SELECT"))
        .containsExactly("SELECT a,\n  b FROM t\nWHERE a = 1");
    assertThat(splitter.pending()).isEqualTo("SELECT");
    assertThat(splitter.feed("c FROM u;")).containsExactly("SELECT\nc FROM u");
    assertThat(splitter.isEmpty()).isTrue();
  }

  @Test
  void anOpenStringOrBlockCommentKeepsTheStatementOpen() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.feed("INSERT INTO t (a) VALUES ('one;")).isEmpty();
    assertThat(splitter.feed("two');")).containsExactly("INSERT INTO t (a) VALUES ('one;\ntwo')");
    assertThat(splitter.feed("/* open;")).isEmpty();
    assertThat(splitter.isEmpty()).isFalse();
    assertThat(splitter.feed("still open; */")).isEmpty();
    assertThat(splitter.isEmpty()).isTrue();
  }

  @Test
  void aCommentOnlyLineLeavesNothingPending() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.feed("-- just a comment; really")).isEmpty();
    assertThat(splitter.isEmpty()).isTrue();
    assertThat(splitter.flush()).isEmpty();
  }

  @Test
  void flushTakesTheLastStatementWithoutSemicolon() {
    StatementSplitter splitter = new StatementSplitter();
    splitter.feed("TRACING ON");
    assertThat(splitter.flush()).contains("TRACING ON");
    assertThat(splitter.isEmpty()).isTrue();
    assertThat(StatementSplitter.splitAll("SELECT 1 FROM t; SELECT 2 FROM t"))
        .isEqualTo(List.of("SELECT 1 FROM t", "SELECT 2 FROM t"));
  }
}
