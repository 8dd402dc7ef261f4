package org.cql4j.session.internal.session;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validates keyspace names and writes them as CQL identifiers. Thread-safe (stateless). */
public final class KeyspaceNames {
  // Cassandra's rule for keyspace names (SchemaConstants.NAME_LENGTH): 1 to 48 word characters.
  private static final Pattern VALID = Pattern.compile("\\w{1,48}");

  private KeyspaceNames() {}

  /**
   * Returns the keyspace as it goes after {@code USE}.
   *
   * @param keyspace the name
   * @param caseSensitive true to keep the case (a quoted identifier), false to lower-case it as CQL
   *     does for unquoted names
   * @return the identifier, e.g. {@code ks} or {@code "MyKs"}
   * @throws IllegalArgumentException if the name is empty, longer than 48 characters or has a
   *     character other than letters, digits and underscore
   */
  public static String toCql(String keyspace, boolean caseSensitive) {
    Objects.requireNonNull(keyspace, "keyspace");
    if (!VALID.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "invalid keyspace name '"
              + keyspace
              + "': use 1 to 48 letters, digits or underscores (pass the name without quotes)");
    }
    return caseSensitive ? "\"" + keyspace + "\"" : keyspace.toLowerCase(Locale.ROOT);
  }

  /**
   * The keyspace name the server reports for an identifier made by {@link #toCql}.
   *
   * @param cql the identifier
   * @return the name without quotes
   */
  public static String fromCql(String cql) {
    return cql.startsWith("\"") ? cql.substring(1, cql.length() - 1) : cql;
  }
}
