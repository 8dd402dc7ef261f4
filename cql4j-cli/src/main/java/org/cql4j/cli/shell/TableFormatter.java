package org.cql4j.cli.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Lays out rows of text as an aligned table, as cqlsh does. Stateless and thread-safe.
 *
 * <pre>
 *  id | name
 * ----+--------
 *   1 |    Ada
 *   2 | Edsger
 * </pre>
 *
 * <p>Headers are left-aligned, values right-aligned, each column as wide as its widest cell in
 * terminal columns (a CJK character or an emoji takes two, a combining mark none).
 */
public final class TableFormatter {

  private TableFormatter() {}

  /**
   * Lays out a table.
   *
   * @param headers the column names
   * @param rows the rows, each with one cell per column
   * @return the lines of the table, without line breaks: header, separator, one line per row
   */
  public static List<String> format(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = width(headers.get(c));
    }
    for (List<String> row : rows) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 2);
    StringBuilder header = new StringBuilder();
    StringBuilder separator = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      header.append(c == 0 ? " " : " | ").append(padRight(headers.get(c), widths[c]));
      separator.append(c == 0 ? "-" : "-+-").append("-".repeat(widths[c]));
    }
    lines.add(header.toString().stripTrailing());
    lines.add(separator.append('-').toString());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        line.append(c == 0 ? " " : " | ").append(padLeft(row.get(c), widths[c]));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The width of a text on a terminal, in columns; control characters count as none.
   *
   * @param text the text
   * @return its width
   */
  public static int width(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return width;
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - width(text))) + text;
  }

  private static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - width(text)));
  }
}
