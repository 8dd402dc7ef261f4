package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.CqlTypeParser;
import org.cql4j.protocol.types.CqlTypeParser.ParsedType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.UserTypeMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the user types of one keyspace from its {@code system_schema.types} rows. Stateless and
 * thread-safe.
 *
 * <p>A field may name another user type of the keyspace, whose fields must be known first: the
 * types are resolved in dependency order (a depth-first walk of the names each type's field texts
 * mention), which is also the order their {@code CREATE TYPE} statements must run in. The server
 * does not allow cycles; if one shows up anyway, the type that closes it gets a custom type for
 * that field, with a warning, as does a field naming a type that does not exist.
 */
final class UserTypes {
  private static final Logger LOG = LoggerFactory.getLogger(UserTypes.class);

  private UserTypes() {}

  /**
   * Resolves a keyspace's user types.
   *
   * @param keyspace the keyspace's name
   * @param rows its rows of {@code system_schema.types}
   * @return the types by name, each after the types it uses
   */
  static Map<String, UserTypeMetadata> resolve(String keyspace, List<CqlRow> rows) {
    Map<String, CqlRow> byName = new LinkedHashMap<>();
    for (CqlRow row : rows) {
      byName.put(row.getString("type_name"), row);
    }
    Map<String, Set<String>> uses = new HashMap<>();
    byName.forEach((name, row) -> uses.put(name, uses(keyspace, row)));

    List<String> order = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    for (String name : byName.keySet()) {
      visit(name, uses, visited, order);
    }

    Map<String, UserTypeMetadata> resolved = new LinkedHashMap<>();
    Map<String, ColumnType.UserType> known = new HashMap<>();
    for (String name : order) {
      try {
        UserTypeMetadata type = type(keyspace, name, byName.get(name), known);
        resolved.put(name, type);
        known.put(name, type.toColumnType());
      } catch (RuntimeException e) {
        // a row the model rejects (e.g. fewer types than names): skip the type, not the keyspace
        LOG.warn("ignoring user type {}: {}", SchemaCql.qualified(keyspace, name), e.toString());
      }
    }
    return Collections.unmodifiableMap(resolved);
  }

  // the types of this keyspace that the row's field texts name
  private static Set<String> uses(String keyspace, CqlRow row) {
    Set<String> names = new LinkedHashSet<>();
    for (String text : row.getList("field_types", String.class)) {
      try {
        CqlTypeParser.parse(
            text,
            keyspace,
            (k, name) -> {
              if (keyspace.equals(k)) {
                names.add(name);
              }
              return new ColumnType.UserType(k == null ? "" : k, name, List.of()); // a stand-in
            });
      } catch (IllegalArgumentException e) {
        // a bad text names nothing; the resolution below warns about it
      }
    }
    return names;
  }

  // depth first: a type's uses before the type; a type being visited is not revisited (cycles)
  private static void visit(
      String name, Map<String, Set<String>> uses, Set<String> visited, List<String> order) {
    if (!uses.containsKey(name) || !visited.add(name)) {
      return;
    }
    for (String used : uses.get(name)) {
      visit(used, uses, visited, order);
    }
    order.add(name);
  }

  private static UserTypeMetadata type(
      String keyspace, String name, CqlRow row, Map<String, ColumnType.UserType> known) {
    List<String> fieldNames = row.getList("field_names", String.class);
    List<String> texts = row.getList("field_types", String.class);
    List<ColumnType> fieldTypes = new ArrayList<>();
    Set<String> frozen = new HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      String field = i < fieldNames.size() ? fieldNames.get(i) : "#" + i;
      String what = "field " + field + " of user type " + SchemaCql.qualified(keyspace, name);
      ParsedType parsed = TypeTexts.parse(texts.get(i), keyspace, known, what);
      fieldTypes.add(parsed.type());
      if (parsed.frozen()) {
        frozen.add(field);
      }
    }
    return new UserTypeMetadata(keyspace, name, fieldNames, fieldTypes, frozen);
  }
}
