package org.cql4j.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and writes CQL names: {@code ks.t}, {@code "MixedCase"}. Stateless and thread-safe. */
final class Identifiers {

  private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]*");

  private Identifiers() {}

  /**
   * Splits a possibly qualified name at the dots outside double quotes, and resolves each part as
   * CQL does: unquoted names lower-cased, quoted ones taken as written ({@code ""} is a quote).
   *
   * @param name e.g. {@code ks.t}, {@code "Ks"."T"}
   * @return the parts, e.g. {@code [ks, t]}
   */
  static List<String> parse(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    String text = name.strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == '.' && !quoted) {
        parts.add(resolve(part, wasQuoted));
        part.setLength(0);
        wasQuoted = false;
      } else {
        part.append(c);
      }
    }
    parts.add(resolve(part, wasQuoted));
    return parts;
  }

  private static String resolve(StringBuilder part, boolean quoted) {
    return quoted ? part.toString() : part.toString().strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Writes a name so that CQL reads it back: as is when it is lower-case letters, digits and
   * underscores, else double-quoted.
   *
   * @param name the name, case-sensitive
   * @return the name as CQL text
   */
  static String quote(String name) {
    return UNQUOTED.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
  }
}
