package org.cql4j.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cql4j.cli.Cql4jCli;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@CassandraTest
class ShellIT {
  private static Session session;
  private static String contactPoint;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    contactPoint = cassandra.contactPoints().get(0);
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged("DROP KEYSPACE IF EXISTS shell_it");
    session.queryUnpaged("DROP KEYSPACE IF EXISTS shell_it_e");
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Runs a script through the interactive shell on a dumb terminal; returns what it printed. */
  private static String interact(String script, Path history) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // a dumb terminal does not echo its input: the output has prompts and results only
    try (Terminal terminal =
        new DumbTerminal(Terminal.TYPE_DUMB, Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8)) {
      ShellCommand.runInteractive(
          session, new ShellSettings(Consistency.ONE, 100), terminal, history, true);
      terminal.flush();
    }
    return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void runsAScriptedInteractiveSession(@TempDir Path dir) throws IOException {
    Path sourced = dir.resolve("more.cql");
    Files.writeString(
        sourced,
        "-- rows from a file\n"
            + "INSERT INTO people (id, name, tags) VALUES (4, 'Barbara', {'x'});\n"
            + "SELECT name FROM people WHERE id = 4;\n");
    String script =
        "CREATE KEYSPACE shell_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1};\n"
            + "USE shell_it;\n"
            + "CREATE TABLE people (id int PRIMARY KEY, name text, tags set<text>);\n"
            + "INSERT INTO people (id, name, tags) VALUES (1, 'Ada', {'math', 'code'});\n"
            + "INSERT INTO people (id, name) VALUES (2, 'Grace');\n"
            + "INSERT INTO people (id, name, tags) VALUES (3, '日本', {});\n"
            + "SELECT id, name, tags\n"
            + "  FROM people\n"
            + "  WHERE id IN (1, 2, 3);\n"
            + "DESCRIBE TABLE people\n"
            + "CONSISTENCY\n"
            + "CONSISTENCY QUORUM\n"
            + "SELEC nonsense;\n"
            + "SELECT * FROM no_such_table;\n"
            + "SOURCE '"
            + sourced
            + "'\n"
            + "TRACING ON\n"
            + "SELECT name FROM people WHERE id = 1;\n"
            + "TRACING OFF\n"
            + "PAGING 2\n"
            + "SELECT id FROM people;\n"
            + "\n" // --More--: the next page
            + "q\n" // --More--: stop
            + "EXIT\n"
            + "SELECT 'never run' FROM people;\n";
    String output = interact(script, dir.resolve("history"));

    assertThat(output).startsWith("Connected to " + contactPoint + " (protocol V");
    // CREATE KEYSPACE prints nothing; USE changes the prompt
    assertThat(output).contains("\ncql4j> cql4j> cql4j:shell_it> ");
    assertThat(output)
        .contains(
            "cql4j:shell_it>    ...    ... \n"
                + " id | name  | tags\n"
                + "----+-------+------------------\n"
                + "  1 |   Ada | {'code', 'math'}\n"
                + "  2 | Grace |             null\n"
                + "  3 |  日本 |             null\n"
                + "\n"
                + "(3 rows)\n");
    assertThat(output)
        .contains(
            "cql4j:shell_it> \nCREATE TABLE shell_it.people (\n"
                + "    id int,\n"
                + "    name text,\n"
                + "    tags set<text>,\n"
                + "    PRIMARY KEY (id)\n"
                + ") WITH ");
    assertThat(output)
        .contains("Current consistency level is ONE.\n", "Consistency level set to QUORUM.\n");
    assertThat(output)
        .containsPattern("shell_it> Error: SyntaxError: line 1:0 [^\n]*SELEC[^\n]*\n");
    assertThat(output).containsPattern("shell_it> Error: Invalid: [^\n]*no_such_table[^\n]*\n");
    assertThat(output).contains("\n name\n" + "---------\n" + " Barbara\n" + "\n" + "(1 rows)\n");
    assertThat(output).containsPattern("\nTracing session: [0-9a-f-]{36}\n");
    assertThat(output).containsPattern("\n activity +\\| source +\\| source_elapsed\n");
    assertThat(output).containsPattern("\n +Request complete \\| [0-9.:a-f]+ \\| +\\d+\n");
    // pages of 2 rows of the 4, in token order; q after the second page stops the query
    assertThat(output)
        .containsPattern(
            "cql4j:shell_it> \n id\n----\n  \\d\n  \\d\n--More--"
                + "\n id\n----\n  \\d\n  \\d\n--More--\n\\(4 rows\\)\ncql4j:shell_it> $");
    assertThat(output).doesNotContain("never run").doesNotContain("Exception\n\tat");
    assertThat(Files.readString(dir.resolve("history"))).contains("TRACING ON");
  }

  @Test
  void completesKeyspacesTablesAndColumns() {
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS shell_it_c WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS shell_it_c.orders (customer int, item_id int, quantity int,"
            + " PRIMARY KEY (customer, item_id))");
    SchemaCompleter completer = new SchemaCompleter(session);
    assertThat(completer.candidates("SELECT * FROM shell_it", "shell_it")).contains("shell_it_c");
    assertThat(completer.candidates("SELECT * FROM shell_it_c.o", "shell_it_c.o"))
        .containsExactly("shell_it_c.orders");
    assertThat(completer.candidates("SELECT * FROM shell_it_c.orders WHERE ite", "ite"))
        .containsExactly("item_id");
    assertThat(completer.candidates("sel", "sel")).containsExactly("SELECT");
    assertThat(completer.candidates("DESCRIBE KEY", "KEY")).contains("KEYSPACE", "KEYSPACES");
    // where only a table or a keyspace can be written, no keyword is offered
    assertThat(completer.candidates("DESCRIBE TABLE shell_it_c.ord", "shell_it_c.ord"))
        .containsExactly("shell_it_c.orders");
    assertThat(completer.candidates("SELECT * FROM shell_it_c", "shell_it_c"))
        .containsExactly("shell_it_c");
    assertThat(completer.candidates("USE shell_it_", "shell_it_"))
        .contains("shell_it_c")
        .allMatch(k -> k.startsWith("shell_it_"));
  }

  @Test
  void executesStatementsGivenWithDashE() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Cql4jCli.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code =
        line.execute(
            "shell",
            "--host",
            contactPoint,
            "-e",
            "CREATE KEYSPACE IF NOT EXISTS shell_it_e WITH replication ="
                + " {'class': 'SimpleStrategy', 'replication_factor': 1};"
                + " CREATE TABLE IF NOT EXISTS shell_it_e.kv (k text PRIMARY KEY, v blob);"
                + " INSERT INTO shell_it_e.kv (k, v) VALUES ('a', 0xcafe);"
                + " SELECT k, v FROM shell_it_e.kv");
    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString().replace("\r\n", "\n"))
        .isEqualTo("\n k | v\n---+--------\n a | 0xcafe\n\n(1 rows)\n");

    StringWriter out2 = new StringWriter();
    StringWriter err2 = new StringWriter();
    line.setOut(new PrintWriter(out2, true));
    line.setErr(new PrintWriter(err2, true));
    int failed =
        line.execute(
            "shell",
            "--host",
            contactPoint,
            "-e",
            "SELECT * FROM shell_it_e.missing; SELECT k FROM shell_it_e.kv");
    assertThat(failed).isEqualTo(1);
    assertThat(err2.toString())
        .startsWith("Error: Invalid: ")
        .contains("missing")
        .doesNotContain("\tat ");
    assertThat(out2.toString()).contains(" a\n\n(1 rows)\n");
  }
}
