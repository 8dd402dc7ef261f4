package org.cql4j.mapper.processor;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * One column that a {@code @Row} record maps to: a component, or a component of a flattened row.
 * Immutable and thread-safe.
 *
 * @param var the base name of its locals in generated code ({@code audit$createdAt} when flattened)
 * @param path the components leading to it, the last one being the column's component
 */
record RowColumn(String var, List<Component> path) {

  /** The columns of a row record in component order, flattened rows inlined, skipped left out. */
  static List<RowColumn> of(RecordModel m) {
    List<RowColumn> out = new ArrayList<>();
    collect(m, "", List.of(), out);
    return List.copyOf(out);
  }

  private static void collect(
      RecordModel m, String prefix, List<Component> path, List<RowColumn> out) {
    for (Component c : m.components()) {
      if (c.skip()) {
        continue;
      }
      List<Component> p = new ArrayList<>(path);
      p.add(c);
      if (c.flattened() != null) {
        collect(c.flattened(), prefix + c.name() + "$", p, out);
      } else {
        out.add(new RowColumn(prefix + c.name(), List.copyOf(p)));
      }
    }
  }

  /**
   * The least number of columns (or markers) that flavor ENFORCE_ORDER accepts: the index after the
   * last column that is not {@code @AllowMissing}.
   */
  static int required(List<RowColumn> columns) {
    int min = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).component().allowMissing()) {
        min = i + 1;
      }
    }
    return min;
  }

  /** {@code id, name, login_count}, for messages. */
  static String names(List<RowColumn> columns) {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.name()));
    return String.join(", ", names);
  }

  /** The component the column's value goes to. */
  Component component() {
    return path.get(path.size() - 1);
  }

  /** The column (or bind marker) name. */
  String name() {
    return component().cqlName();
  }

  /** The Java type of the column's codec: the component's type, boxed. */
  TypeName boxed() {
    return component().type().boxed();
  }

  /** Whether the column may be absent ({@code @AllowMissing}). */
  boolean allowMissing() {
    return component().allowMissing();
  }
}
