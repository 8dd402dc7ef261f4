package org.cql4j.testkit.internal.proxy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the keyspace and table a CQL statement names, and whether it is conditional, from its text.
 * Stateless and thread-safe; a heuristic for rules and the LWT mark, not a CQL parser.
 */
final class CqlNames {
  private static final String NAME = "(\"(?:[^\"]|\"\")+\"|\\w+)";
  private static final Pattern TARGET =
      Pattern.compile(
          "(?i)\\b(?:FROM|INTO|UPDATE|TABLE|TRUNCATE|INDEX\\s+\\w+\\s+ON)\\s+"
              + "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")?");
  private static final Pattern KEYSPACE =
      Pattern.compile("(?i)\\b(?:KEYSPACE|USE)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + NAME);
  private static final Pattern STRINGS = Pattern.compile("'(?:[^']|'')*'|\\$\\$.*?\\$\\$");
  private static final Pattern CONDITIONAL_START =
      Pattern.compile("(?is)^\\s*(?:BEGIN\\s+.*?BATCH\\s+)?(?:INSERT|UPDATE|DELETE)\\b.*");
  private static final Pattern IF = Pattern.compile("(?i)\\bIF\\b");

  private CqlNames() {}

  /**
   * The keyspace and table the statement names.
   *
   * @param query the CQL text
   * @param sessionKeyspace the connection's keyspace, for an unqualified table; may be null
   * @return {keyspace, table}, either may be null
   */
  static String[] keyspaceAndTable(String query, String sessionKeyspace) {
    String text = STRINGS.matcher(query).replaceAll("''");
    Matcher m = TARGET.matcher(text);
    if (m.find()) {
      if (m.group(2) != null) {
        return new String[] {unquote(m.group(1)), unquote(m.group(2))};
      }
      return new String[] {sessionKeyspace, unquote(m.group(1))};
    }
    Matcher k = KEYSPACE.matcher(text);
    if (k.find()) {
      return new String[] {unquote(k.group(1)), null};
    }
    return new String[] {sessionKeyspace, null};
  }

  /** Whether the statement is a conditional write (an LWT): INSERT/UPDATE/DELETE ... IF. */
  static boolean isConditional(String query) {
    String text = STRINGS.matcher(query).replaceAll("''");
    if (!CONDITIONAL_START.matcher(text).matches()) {
      return false;
    }
    return IF.matcher(text).find();
  }

  /** CQL identifiers: quoted ones keep their case, others are folded to lower case. */
  static String unquote(String name) {
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      return name.substring(1, name.length() - 1).replace("\"\"", "\"");
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
