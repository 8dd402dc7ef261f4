package org.cql4j.cli.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.cql4j.cli.Errors;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlDate;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.CqlTimestamp;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryResult;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.Statement;

/**
 * Runs one CQL statement with the shell's settings and prints what it returned: warnings, rows as a
 * table followed by {@code (N rows)}, and the trace when tracing is on. Not thread-safe; confined
 * to the shell's thread.
 *
 * <p>Rows are fetched a page at a time. With paging on and a {@code --More--} prompt (an
 * interactive terminal) each page is printed as it arrives and the prompt asks before the next one;
 * otherwise every page is fetched and the rows are printed as one table.
 */
final class StatementRunner {

  /**
   * Rows per request when paging is off: the rows are still fetched in pages, just not shown so.
   */
  private static final int FETCH_SIZE = 5_000;

  private final Session session;
  private final ShellSettings settings;
  private final PrintWriter out;
  private final BooleanSupplier more;

  /**
   * Creates a runner.
   *
   * @param session the session to run statements on
   * @param settings the shell's settings, read at each statement
   * @param out where results go
   * @param more asks whether to show the next page (false: stop), or null without a terminal to ask
   *     on
   */
  StatementRunner(Session session, ShellSettings settings, PrintWriter out, BooleanSupplier more) {
    this.session = session;
    this.settings = settings;
    this.out = out;
    this.more = more;
  }

  /**
   * Runs a statement and prints its result.
   *
   * @param cql the statement, without its {@code ;}
   * @throws RuntimeException what the driver threw (a server error, a timeout)
   */
  void run(String cql) {
    boolean pageByPage = settings.paging() && more != null;
    Statement statement =
        new Statement(cql)
            .setConsistency(settings.consistency())
            .setSerialConsistency(settings.serialConsistency())
            .setPageSize(settings.paging() ? settings.pageSize() : FETCH_SIZE)
            .setTracing(settings.tracing());
    PagingState state = PagingState.start();
    List<String> headers = null;
    List<List<String>> rows = new ArrayList<>();
    long total = 0;
    UUID traceId = null;
    while (true) {
      QueryPage page = session.querySinglePage(statement, Values.EMPTY, state);
      QueryResult result = page.result();
      result.warnings().forEach(w -> out.println("Warning: " + w));
      if (traceId == null) {
        traceId = result.tracingId().orElse(null);
      }
      if (!result.isRows()) {
        break;
      }
      QueryRowsResult rowsResult = result.intoRowsResult();
      if (headers == null) {
        headers = rowsResult.columnSpecs().stream().map(ColumnSpec::name).toList();
      }
      addRows(rowsResult, rows);
      total += rowsResult.rowsNumber();
      boolean hasMore = page.pagingState().hasMorePages();
      if (pageByPage && !rows.isEmpty()) {
        printTable(headers, rows);
        rows.clear();
        if (hasMore) {
          out.flush();
          if (!more.getAsBoolean()) {
            break;
          }
        }
      }
      if (!hasMore) {
        break;
      }
      state = page.pagingState().next();
    }
    if (headers != null) {
      if (!rows.isEmpty() || total == 0) {
        printTable(headers, rows);
      }
      out.println();
      out.println("(" + total + " rows)");
    }
    if (traceId != null) {
      new TracePrinter(session, out).print(traceId);
    }
    out.flush();
  }

  private static void addRows(QueryRowsResult result, List<List<String>> rows) {
    List<ColumnSpec> columns = result.columnSpecs();
    for (CqlRow row : result.rows(CqlRow.class)) {
      List<String> cells = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        cells.add(cell(row, i, columns.get(i)));
      }
      rows.add(cells);
    }
  }

  private static String cell(CqlRow row, int i, ColumnSpec column) {
    if (row.isNull(i)) {
      return "null";
    }
    try {
      return ValueFormatter.format(row.getObject(i), column.type());
    } catch (RuntimeException e) {
      // a value out of its Java type's range: show what it holds rather than fail the table
      if (column.type() == ColumnType.TIMESTAMP) {
        return Long.toString(row.get(i, CqlTimestamp.class).millisSinceEpoch());
      }
      if (column.type() == ColumnType.DATE) {
        return Integer.toString(row.get(i, CqlDate.class).daysSinceEpoch());
      }
      return "<" + Errors.describe(e) + ">";
    }
  }

  private void printTable(List<String> headers, List<List<String>> rows) {
    out.println();
    TableFormatter.format(headers, rows).forEach(out::println);
  }
}
