package org.cql4j.testkit.internal.nullserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CQL text into tokens, statelessly and thread-safely: names, quoted names, string literals,
 * numbers (and other literals such as UUIDs) and symbols.
 */
final class CqlTokens {
  private CqlTokens() {}

  /**
   * Splits a statement.
   *
   * @param cql the text
   * @return the tokens; quoted names keep their double quotes, string literals their single quotes
   * @throws IllegalArgumentException on an unterminated quote or an unexpected character
   */
  static List<String> split(String cql) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = cql.length();
    while (i < n) {
      char c = cql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(cql, i);
        out.add(cql.substring(i, end + 1));
        i = end + 1;
      } else if (isWord(c) || c == '-' && i + 1 < n && Character.isDigit(cql.charAt(i + 1))) {
        // names, numbers and UUIDs alike: a dash joins hex groups, a dot joins a decimal number
        boolean numeric = !Character.isLetter(c);
        int start = i++;
        while (i < n) {
          char d = cql.charAt(i);
          boolean joins =
              (d == '-' || d == '.' && numeric) && i + 1 < n && isWord(cql.charAt(i + 1));
          if (!isWord(d) && !joins) {
            break;
          }
          i++;
        }
        out.add(cql.substring(start, i));
      } else if ((c == '<' || c == '>' || c == '!') && i + 1 < n && cql.charAt(i + 1) == '=') {
        out.add(cql.substring(i, i + 2));
        i += 2;
      } else if ("(),;*=<>?:.[]{}+".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else {
        throw new IllegalArgumentException("unexpected character '" + c + "'");
      }
    }
    return out;
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The index of the quote closing the one at {@code start}; doubled quotes are escapes. */
  private static int closingQuote(String cql, int start) {
    char quote = cql.charAt(start);
    int i = start + 1;
    while (i < cql.length()) {
      if (cql.charAt(i) == quote) {
        if (i + 1 < cql.length() && cql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated " + quote + " quote");
  }
}
