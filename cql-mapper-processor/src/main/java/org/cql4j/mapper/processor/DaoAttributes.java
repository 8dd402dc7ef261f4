package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.cql4j.mapper.StatementAttributes;

/**
 * Reads and checks a method's {@code @StatementAttributes}: the consistency names against the
 * constants of cql-protocol's enums on the classpath, the numbers against their ranges. Confined to
 * the processor's thread.
 */
final class DaoAttributes {
  private final Elements elements;
  private final Problems problems;

  DaoAttributes(Elements elements, Problems problems) {
    this.elements = elements;
    this.problems = problems;
  }

  /** The attributes, {@link DaoModel.Attributes#NONE} without the annotation, null if invalid. */
  DaoModel.Attributes read(ExecutableElement m, String where) {
    StatementAttributes a = m.getAnnotation(StatementAttributes.class);
    if (a == null) {
      return DaoModel.Attributes.NONE;
    }
    int before = problems.count();
    Optional<String> consistency =
        constant(m, where, "consistency", a.consistency(), "org.cql4j.protocol.Consistency");
    Optional<String> serial =
        constant(
            m,
            where,
            "serialConsistency",
            a.serialConsistency(),
            "org.cql4j.protocol.SerialConsistency");
    if (a.pageSize() < 0 || a.timeoutMillis() < 0 || a.idempotent().length > 1) {
      problems.error(
          m,
          ErrorId.InvalidAttribute,
          where
              + " has @StatementAttributes with a negative pageSize or timeoutMillis, or more than"
              + " one idempotent value; give 0 (or {}) for the default");
    }
    if (problems.count() > before) {
      return null;
    }
    return new DaoModel.Attributes(
        consistency,
        serial,
        a.pageSize(),
        a.timeoutMillis(),
        a.idempotent().length == 0 ? Optional.empty() : Optional.of(a.idempotent()[0]),
        a.profile().isEmpty() ? Optional.empty() : Optional.of(a.profile()));
  }

  private Optional<String> constant(
      ExecutableElement m, String where, String attribute, String value, String enumName) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    TypeElement type = elements.getTypeElement(enumName);
    List<String> names = new ArrayList<>();
    if (type != null) {
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          names.add(e.getSimpleName().toString());
        }
      }
    }
    if (!names.contains(value)) {
      problems.error(
          m,
          ErrorId.InvalidAttribute,
          where
              + " has @StatementAttributes("
              + attribute
              + " = \""
              + value
              + "\"), which is none of "
              + (names.isEmpty() ? enumName + " (not on the classpath)" : names));
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
