package org.cql4j.session.internal.metadata;

import java.util.HashMap;
import java.util.Map;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.CqlTypeParser;
import org.cql4j.protocol.types.CqlTypeParser.ParsedType;
import org.cql4j.session.UserTypeMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the type texts of {@code system_schema} without failing: a text the parser does not take
 * becomes a {@link ColumnType.Custom} of the raw text, with a warning. Stateless and thread-safe.
 */
final class TypeTexts {
  private static final Logger LOG = LoggerFactory.getLogger(TypeTexts.class);

  private TypeTexts() {}

  /**
   * Parses a type text of a keyspace.
   *
   * @param text the text, e.g. {@code frozen<list<frozen<address>>>}; null reads as empty
   * @param keyspace the keyspace the text comes from, whose user types it may name
   * @param userTypes the keyspace's user types known so far, by name
   * @param what what has that type, for the warning, e.g. {@code column ks.t.c}
   * @return the parsed type, or a custom type of the text and not frozen
   */
  static ParsedType parse(
      String text, String keyspace, Map<String, ColumnType.UserType> userTypes, String what) {
    String raw = text == null ? "" : text;
    try {
      return CqlTypeParser.parse(
          raw, keyspace, (k, name) -> keyspace.equals(k) ? userTypes.get(name) : null);
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: {}; keeping it as a custom type", what, e.getMessage());
      return new ParsedType(new ColumnType.Custom(raw), false);
    }
  }

  /**
   * The column types of user types, by name.
   *
   * @param userTypes user types by name
   * @return each one's {@link UserTypeMetadata#toColumnType()}
   */
  static Map<String, ColumnType.UserType> columnTypes(Map<String, UserTypeMetadata> userTypes) {
    Map<String, ColumnType.UserType> types = new HashMap<>();
    userTypes.forEach((name, type) -> types.put(name, type.toColumnType()));
    return types;
  }
}
