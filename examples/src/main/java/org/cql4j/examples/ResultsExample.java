package org.cql4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.Session;
import org.cql4j.session.errors.IntoRowsResultException;
import org.cql4j.session.errors.RowsCountException;
import org.cql4j.session.statement.PreparedStatement;

/** Reads results: untyped rows, single columns, first and single rows, and the errors on misuse. */
public final class ResultsExample {
  private ResultsExample() {}

  /**
   * What was read.
   *
   * @param columns the column names of the result, with their CQL types
   * @param lines one line per row read with {@code CqlRow}
   * @param names the single-column read
   * @param first the first name
   * @param missing what {@code maybeFirstRow} returned for no rows
   * @param errors the messages of the errors provoked, in order
   */
  public record Outcome(
      List<String> columns,
      List<String> lines,
      List<String> names,
      String first,
      Optional<String> missing,
      List<String> errors) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Writes three rows and reads them in each way.
   *
   * @param session the session
   * @return what was read
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.scores (game text, player text, points int,"
            + " history list<int>, badges map<text, int>, PRIMARY KEY (game, player))");
    session.queryUnpaged("TRUNCATE examples.scores");
    PreparedStatement insert =
        session.prepare(
            "INSERT INTO examples.scores (game, player, points, history, badges)"
                + " VALUES (?, ?, ?, ?, ?)");
    session.executeUnpaged(insert, Values.of("chess", "ann", 1200, List.of(1100, 1200), Map.of()));
    session.executeUnpaged(insert, Values.of("chess", "bob", 900, List.of(900), Map.of("fast", 2)));
    session.executeUnpaged(insert, Values.of("chess", "cy", null, null, null));

    // tag::untyped[]
    QueryResult result =
        session.queryUnpaged(
            "SELECT player, points, history, badges FROM examples.scores WHERE game = ?",
            Values.of("chess"));
    QueryRowsResult rows = result.intoRowsResult(); // IntoRowsResultException if not rows
    List<String> columns = new ArrayList<>();
    for (ColumnSpec column : rows.columnSpecs()) {
      columns.add(column.name() + " " + column.type());
    }
    List<String> lines = new ArrayList<>();
    for (CqlRow row : rows.rows(CqlRow.class)) {
      String player = row.getString("player"); // by name
      String points = row.isNull(1) ? "-" : String.valueOf(row.getInt(1)); // by index
      List<Integer> history = row.getList("history", Integer.class); // null reads as empty
      Map<String, Integer> badges = row.getMap("badges", String.class, Integer.class);
      Integer boxed = row.get("points", Integer.class); // null for a null cell
      lines.add(player + " " + points + " " + history + " " + badges + " " + boxed);
    }
    // end::untyped[]
    lines.forEach(System.out::println);

    // tag::single-column[]
    PreparedStatement players =
        session.prepare("SELECT player FROM examples.scores WHERE game = ?");
    List<String> names = new ArrayList<>();
    session
        .executeUnpaged(players, Values.of("chess"))
        .intoRowsResult()
        .rows(String.class)
        .forEach(names::add);
    // end::single-column[]

    // tag::first-and-single[]
    QueryRowsResult chess = session.executeUnpaged(players, Values.of("chess")).intoRowsResult();
    String first = chess.firstRow(String.class); // RowsCountException if there is no row
    QueryRowsResult none = session.executeUnpaged(players, Values.of("go")).intoRowsResult();
    Optional<String> missing = none.maybeFirstRow(String.class); // Optional.empty()
    int count =
        session
            .queryUnpaged("SELECT count(*) FROM examples.scores WHERE game = 'chess'")
            .intoRowsResult()
            .singleRow(Long.class)
            .intValue(); // exactly one row, or RowsCountException
    // end::first-and-single[]
    System.out.println(names + ", first " + first + ", " + count + " players, go: " + missing);

    List<String> errors = new ArrayList<>();
    // tag::errors[]
    try {
      chess.singleRow(String.class);
    } catch (RowsCountException e) {
      errors.add(e.getMessage()); // singleRow(String) requires exactly one row but ... has 3 rows
    }
    try {
      chess.rows(Integer.class); // the check runs here, once, before any row is decoded
    } catch (TypeCheckException e) {
      errors.add(e.getMessage()); // names the column, its CQL type (text) and the Java type
    }
    try {
      session
          .executeUnpaged(insert, Values.of("go", "ann", 1, List.of(), Map.of()))
          .intoRowsResult();
    } catch (IntoRowsResultException e) {
      errors.add(e.getMessage()); // an INSERT returns no rows; check isRows() first
    }
    // end::errors[]
    errors.forEach(System.out::println);
    return new Outcome(columns, lines, names, first, missing, errors);
  }
}
