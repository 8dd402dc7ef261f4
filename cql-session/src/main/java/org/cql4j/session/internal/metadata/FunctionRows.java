package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.FunctionSignature;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.internal.connection.SystemQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds user-defined functions and aggregates from rows of {@code system_schema.functions} and
 * {@code system_schema.aggregates}, read by column name. Stateless and thread-safe.
 *
 * <p>Each map is ordered by signature text ({@code name(type, ...)}), so that a read gives the same
 * order every time. A row the model rejects is left out with a warning.
 */
final class FunctionRows {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionRows.class);

  private FunctionRows() {}

  /**
   * A keyspace with its functions and aggregates replaced by what the rows say.
   *
   * @param keyspace the keyspace as known (its user types resolve the rows' type texts)
   * @param functions the keyspace's rows of {@code system_schema.functions}
   * @param aggregates the keyspace's rows of {@code system_schema.aggregates}
   * @return the updated keyspace
   */
  static KeyspaceMetadata withFunctions(
      KeyspaceMetadata keyspace, List<CqlRow> functions, List<CqlRow> aggregates) {
    String ks = keyspace.name();
    Map<String, ColumnType.UserType> types = TypeTexts.columnTypes(keyspace.userTypes());
    return new KeyspaceMetadata(
        ks,
        keyspace.replication(),
        keyspace.durableWrites(),
        keyspace.tables(),
        keyspace.views(),
        keyspace.userTypes(),
        functions(ks, functions, types),
        aggregates(ks, aggregates, types));
  }

  /**
   * Builds functions.
   *
   * @param keyspace the keyspace's name
   * @param rows its rows of {@code system_schema.functions}
   * @param types its user types by name
   * @return the functions by signature, ordered by signature text
   */
  static Map<FunctionSignature, FunctionMetadata> functions(
      String keyspace, List<CqlRow> rows, Map<String, ColumnType.UserType> types) {
    List<FunctionMetadata> functions = new ArrayList<>();
    for (CqlRow row : rows) {
      String name = row.getString("function_name");
      try {
        functions.add(
            new FunctionMetadata(
                keyspace,
                name,
                row.getList("argument_names", String.class),
                types(keyspace, row.getList("argument_types", String.class), types, name),
                type(keyspace, row.getString("return_type"), types, name),
                row.getString("language"),
                row.isNull("body") ? "" : row.getString("body"),
                !row.isNull("called_on_null_input") && row.getBoolean("called_on_null_input")));
      } catch (RuntimeException e) {
        LOG.warn("ignoring function {}: {}", SchemaCql.qualified(keyspace, name), e.toString());
      }
    }
    return bySignature(functions, FunctionMetadata::signature);
  }

  /**
   * Builds aggregates.
   *
   * @param keyspace the keyspace's name
   * @param rows its rows of {@code system_schema.aggregates}
   * @param types its user types by name
   * @return the aggregates by signature, ordered by signature text
   */
  static Map<FunctionSignature, AggregateMetadata> aggregates(
      String keyspace, List<CqlRow> rows, Map<String, ColumnType.UserType> types) {
    List<AggregateMetadata> aggregates = new ArrayList<>();
    for (CqlRow row : rows) {
      String name = row.getString("aggregate_name");
      try {
        ColumnType stateType = type(keyspace, row.getString("state_type"), types, name);
        aggregates.add(
            new AggregateMetadata(
                keyspace,
                name,
                types(keyspace, row.getList("argument_types", String.class), types, name),
                row.getString("state_func"),
                stateType,
                text(row, "final_func"),
                text(row, "initcond"),
                row.isNull("return_type")
                    ? stateType
                    : type(keyspace, row.getString("return_type"), types, name)));
      } catch (RuntimeException e) {
        LOG.warn("ignoring aggregate {}: {}", SchemaCql.qualified(keyspace, name), e.toString());
      }
    }
    return bySignature(aggregates, AggregateMetadata::signature);
  }

  private static <T> Map<FunctionSignature, T> bySignature(
      List<T> elements, Function<T, FunctionSignature> signature) {
    elements.sort(Comparator.comparing(e -> signature.apply(e).toString()));
    Map<FunctionSignature, T> map = new LinkedHashMap<>();
    elements.forEach(e -> map.put(signature.apply(e), e));
    return map;
  }

  private static Optional<String> text(CqlRow row, String column) {
    return !SystemQueries.has(row, column) || row.isNull(column)
        ? Optional.empty()
        : Optional.of(row.getString(column));
  }

  private static List<ColumnType> types(
      String keyspace, List<String> texts, Map<String, ColumnType.UserType> types, String what) {
    List<ColumnType> parsed = new ArrayList<>(texts.size());
    texts.forEach(t -> parsed.add(type(keyspace, t, types, what)));
    return parsed;
  }

  private static ColumnType type(
      String keyspace, String text, Map<String, ColumnType.UserType> types, String what) {
    return TypeTexts.parse(text, keyspace, types, "function " + keyspace + "." + what).type();
  }
}
