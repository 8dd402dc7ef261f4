package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Checks that a {@code @Row} result type can hold what a SELECT selects, as the session's type
 * check would when the method first runs: every selected column maps to a component, and every
 * component that is not {@code @AllowMissing} is selected (by name, or by count with {@code
 * ENFORCE_ORDER}). Skipped when the select clause names columns only a schema knows ({@code *},
 * function calls). Confined to the processor's thread.
 */
final class SelectedColumns {
  private final Elements elements;
  private final Types types;
  private final Problems problems;

  SelectedColumns(Elements elements, Types types, Problems problems) {
    this.elements = elements;
    this.types = types;
    this.problems = problems;
  }

  void check(ExecutableElement m, String where, CqlText text, TypeMirror rowType) {
    text.selected().ifPresent(selected -> checkNames(m, where, selected, rowType));
  }

  /** The same for the names of the result columns, in order. */
  void checkNames(ExecutableElement m, String where, List<String> selected, TypeMirror rowType) {
    if (rowType.getKind() != TypeKind.DECLARED
        || ((DeclaredType) rowType).asElement().getAnnotation(Row.class) == null) {
      return;
    }
    TypeElement rowElement = (TypeElement) ((DeclaredType) rowType).asElement();
    // the record's own problems are reported where it is processed
    RecordModel row = new ModelBuilder(elements, types).build(rowElement);
    if (row == null) {
      return;
    }
    String rowName = rowElement.getSimpleName().toString();
    if (row.flavor() == Flavor.ENFORCE_ORDER) {
      List<String> columns = new ArrayList<>();
      columns(row, columns, new ArrayList<>());
      if (columns.size() != selected.size()) {
        problems.error(
            m,
            ErrorId.RowColumns,
            where
                + " selects "
                + selected.size()
                + " column(s), and "
                + rowName
                + " (ENFORCE_ORDER) maps "
                + columns.size()
                + "; select one column per component, in order");
      }
      return;
    }
    List<String> mapped = new ArrayList<>();
    List<String> required = new ArrayList<>();
    columns(row, mapped, required);
    Set<String> unmapped = new LinkedHashSet<>(selected);
    unmapped.removeAll(mapped);
    Set<String> missing = new LinkedHashSet<>(required);
    missing.removeAll(selected);
    if (!unmapped.isEmpty()) {
      problems.error(
          m,
          ErrorId.RowColumns,
          where
              + " selects "
              + quoted(unmapped)
              + ", which no component of "
              + rowName
              + " maps to; map it, or do not select it");
    }
    if (!missing.isEmpty()) {
      problems.error(
          m,
          ErrorId.RowColumns,
          where
              + " does not select "
              + quoted(missing)
              + ", which "
              + rowName
              + " needs; select it, or annotate its component @AllowMissing");
    }
  }

  private static void columns(RecordModel row, List<String> mapped, List<String> required) {
    for (Component c : row.components()) {
      if (c.skip()) {
        continue;
      }
      if (c.flattened() != null) {
        columns(c.flattened(), mapped, required);
        continue;
      }
      mapped.add(c.cqlName());
      if (!c.allowMissing()) {
        required.add(c.cqlName());
      }
    }
  }

  private static String quoted(Set<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("'" + n + "'"));
    return (names.size() == 1 ? "column " : "columns ") + String.join(", ", q);
  }
}
