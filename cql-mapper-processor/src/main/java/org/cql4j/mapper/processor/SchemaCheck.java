package org.cql4j.mapper.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.processor.CqlSchema.CqlType;
import org.cql4j.mapper.processor.CqlSchema.Table;
import org.cql4j.mapper.processor.DaoModel.Binding;
import org.cql4j.mapper.processor.DaoModel.Parameter;
import org.cql4j.mapper.processor.SchemaStatement.Analysis;
import org.cql4j.mapper.processor.SchemaStatement.Marker;

/**
 * Checks a DAO statement against the schema given with {@code -Acql4j.schema}: the keyspace, table
 * and columns it names ({@link SchemaStatement} reads and reports them), the Java type of each
 * parameter against the CQL type of the column its marker is compared with or assigned to ({@code
 * USING TTL ?} and {@code LIMIT ?} are ints, {@code USING TIMESTAMP ?} a bigint, {@code IN ?} a
 * list), and the components of a {@code @Row} result against the selected columns' types ({@code
 * SELECT *} selects every column of the table). Confined to the processor's thread.
 */
final class SchemaCheck {

  private final CqlSchema schema;
  private final Problems problems;
  private final CqlTypeFit fit;
  private final SelectedColumns names;

  SchemaCheck(CqlSchema schema, Types types, Problems problems, SelectedColumns names) {
    this.schema = schema;
    this.problems = problems;
    this.fit = new CqlTypeFit(types);
    this.names = names;
  }

  /**
   * Checks one method's statement.
   *
   * @param m the method
   * @param where {@code PersonDao.find}, for messages
   * @param text its CQL
   * @param parameters its parameters
   * @param binding how they bind
   * @param rowType the row type it reads, or null
   */
  void check(
      ExecutableElement m,
      String where,
      CqlText text,
      List<Parameter> parameters,
      Binding binding,
      TypeMirror rowType) {
    Optional<Analysis> read = new SchemaStatement(schema, problems).read(m, where, text);
    if (read.isEmpty()) {
      return;
    }
    Analysis statement = read.get();
    checkParameters(m, where, parameters, binding, statement.markers());
    if (rowType != null && statement.verb().equals("SELECT")) {
      checkRow(m, where, statement, rowType);
    }
  }

  /** Each parameter's Java type against the type of the column its marker stands for. */
  private void checkParameters(
      ExecutableElement m,
      String where,
      List<Parameter> parameters,
      Binding binding,
      List<Marker> markers) {
    List<? extends VariableElement> elements = m.getParameters();
    switch (binding) {
      case POSITIONAL -> {
        for (int i = 0; i < markers.size() && i < elements.size(); i++) {
          checkParameter(where, elements.get(i), markers.get(i));
        }
      }
      case NAMED -> {
        Map<String, VariableElement> byMarker = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
          byMarker.put(parameters.get(i).marker(), elements.get(i));
        }
        for (Marker marker : markers) {
          VariableElement p = byMarker.get(marker.name());
          if (p != null) {
            checkParameter(where, p, marker);
          }
        }
      }
      case ROW -> checkRowParameter(where, elements.get(0), markers);
      default -> {}
    }
  }

  private void checkParameter(String where, VariableElement p, Marker marker) {
    if (marker.type() != null && !fit.fits(p.asType(), marker.type())) {
      problems.error(
          p,
          ErrorId.TypeMismatch,
          "parameter '"
              + p.getSimpleName()
              + "' of "
              + where
              + " is "
              + Problems.simpleTypeName(p.asType())
              + ", which cannot bind to "
              + marker.column()
              + " of CQL type "
              + marker.type());
    }
  }

  private void checkRowParameter(String where, VariableElement p, List<Marker> markers) {
    Map<String, RecordComponentElement> components = components(p.asType());
    for (Marker marker : markers) {
      RecordComponentElement c = marker.name() == null ? null : components.get(marker.name());
      if (c != null && marker.type() != null && !fit.fits(c.asType(), marker.type())) {
        problems.error(
            p,
            ErrorId.TypeMismatch,
            "component '"
                + c.getSimpleName()
                + "' of "
                + Problems.simpleTypeName(p.asType())
                + ", bound by "
                + where
                + ", is "
                + Problems.simpleTypeName(c.asType())
                + ", which cannot bind to "
                + marker.column()
                + " of CQL type "
                + marker.type());
      }
    }
  }

  /** The components of a record by the name they map to (its {@code @CqlName} or its own). */
  private static Map<String, RecordComponentElement> components(TypeMirror record) {
    Map<String, RecordComponentElement> byName = new HashMap<>();
    if (record.getKind() == TypeKind.DECLARED
        && ((DeclaredType) record).asElement() instanceof TypeElement element) {
      for (RecordComponentElement c : element.getRecordComponents()) {
        CqlName name = c.getAnnotation(CqlName.class);
        byName.put(name == null ? c.getSimpleName().toString() : name.value(), c);
      }
    }
    return byName;
  }

  /** The result type against the selected columns' types. */
  private void checkRow(ExecutableElement m, String where, Analysis statement, TypeMirror rowType) {
    Table table = statement.table();
    List<String> selected = statement.selected();
    boolean star = statement.star();
    boolean isRow =
        rowType.getKind() == TypeKind.DECLARED
            && ((DeclaredType) rowType).asElement().getAnnotation(Row.class) != null;
    List<String> sources = statement.sources(); // the column each result column comes from
    if (!isRow) {
      if (selected.size() == 1 && sources.size() == 1) {
        CqlType type = table.columns().get(sources.get(0));
        if (type != null && !fit.fits(rowType, type)) {
          problems.error(
              m,
              ErrorId.TypeMismatch,
              where
                  + " reads column '"
                  + selected.get(0)
                  + "' of CQL type "
                  + type
                  + " as "
                  + Problems.simpleTypeName(rowType)
                  + ", which cannot hold it");
        }
      }
      return;
    }
    if (star) {
      names.checkNames(m, where, selected, rowType);
    }
    Map<String, RecordComponentElement> components = components(rowType);
    for (int i = 0; i < selected.size() && i < sources.size(); i++) {
      RecordComponentElement c = components.get(selected.get(i));
      CqlType type = table.columns().get(sources.get(i));
      if (c != null && type != null && !fit.fits(c.asType(), type)) {
        problems.error(
            m,
            ErrorId.TypeMismatch,
            where
                + " reads column '"
                + selected.get(i)
                + "' of CQL type "
                + type
                + " into component '"
                + c.getSimpleName()
                + "' of "
                + Problems.simpleTypeName(rowType)
                + ", a "
                + Problems.simpleTypeName(c.asType())
                + ", which cannot hold it");
      }
    }
  }
}
