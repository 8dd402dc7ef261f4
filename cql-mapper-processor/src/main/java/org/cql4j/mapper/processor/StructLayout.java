package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.SERIALIZATION_EXCEPTION;
import static org.cql4j.mapper.processor.Names.SUPPORT;
import static org.cql4j.mapper.processor.Names.TUPLE_TYPE;
import static org.cql4j.mapper.processor.Names.TYPE_CHECK_EXCEPTION;
import static org.cql4j.mapper.processor.Names.USER_TYPE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Where the mapped components of a {@code @UserType} or {@code @CqlTuple} record are in a CQL user
 * type or tuple: generates the binding code that the decoder and the writer share, which checks the
 * CQL type and finds each component's field once per type. Immutable and thread-safe.
 *
 * <p>After the generated binding, component {@code x} is field (or element) {@code xAt} (-1 when an
 * {@code @AllowMissing} field is absent). Code that visits the type's fields in wire order does so
 * as {@code for (int i = 0; i < }{@link #count()}{@code ; i++) switch (}{@link #slot()}{@code )},
 * where a slot is the index of a mapped component, or anything else for a field that no component
 * maps to. When the layout is positional (not {@link #byName()}), component {@code k} is field
 * {@code k}, and fields after the last component map to none.
 *
 * @param typeVar the local holding the checked type: {@code udt} or {@code tuple}
 * @param byName whether fields were matched by name (flavor MATCH_BY_NAME), into {@code slots}
 * @param count the number of fields to visit
 * @param slot the mapped component of field {@code i}
 * @param unmappedFields whether some fields may map to no component
 */
record StructLayout(
    String typeVar, boolean byName, String count, String slot, boolean unmappedFields) {

  /** Reading or writing: the binding's exceptions and helpers differ. */
  enum Direction {
    READ(TYPE_CHECK_EXCEPTION, "", "skipped"),
    WRITE(SERIALIZATION_EXCEPTION, "ForWriting", "written as null");

    final ClassName exception;
    final String helperSuffix;

    /** What becomes of a field that no component maps to, for comments. */
    final String unmapped;

    Direction(ClassName exception, String helperSuffix, String unmapped) {
      this.exception = exception;
      this.helperSuffix = helperSuffix;
      this.unmapped = unmapped;
    }
  }

  /** The components that map to fields or elements: all but the skipped ones. */
  static List<Component> mapped(RecordModel m) {
    List<Component> mapped = new ArrayList<>();
    for (Component c : m.components()) {
      if (!c.skip()) {
        mapped.add(c);
      }
    }
    return mapped;
  }

  /** Adds the binding of {@code type} to {@code b}: the type check and every {@code xAt}. */
  static StructLayout bind(CodeBlock.Builder b, RecordModel m, Direction d) {
    List<Component> mapped = mapped(m);
    int n = mapped.size();
    if (m.kind() == Kind.TUPLE) {
      b.beginControlFlow(
          "if (!(type instanceof $T tuple) || tuple.components().size() != $L)", TUPLE_TYPE, n);
      b.addStatement(
          "throw new $T(null, type, JAVA_TYPE, $S)",
          d.exception,
          "a @CqlTuple record of " + n + " components maps to a tuple of " + n + " elements");
      b.endControlFlow();
      for (int k = 0; k < n; k++) {
        b.addStatement("int $NAt = $L", mapped.get(k).name(), k);
      }
      return new StructLayout("tuple", false, String.valueOf(n), "i", false);
    }
    b.beginControlFlow("if (!(type instanceof $T udt))", USER_TYPE);
    b.addStatement(
        "throw new $T(null, type, JAVA_TYPE, $S)",
        d.exception,
        "a @UserType record maps to a user type");
    b.endControlFlow();
    return m.flavor() == Flavor.MATCH_BY_NAME
        ? fieldsByName(b, m, mapped, d)
        : fieldsInOrder(b, m, mapped, d);
  }

  /** Flavor MATCH_BY_NAME: {@code slots[i]} and {@code xAt} from one pass over the field names. */
  private static StructLayout fieldsByName(
      CodeBlock.Builder b, RecordModel m, List<Component> mapped, Direction d) {
    int n = mapped.size();
    b.addStatement("int[] slots = new int[udt.fields().size()]");
    b.addStatement("int[] at = new int[$L]", n);
    b.addStatement("$T.fill(at, -1)", Arrays.class);
    b.beginControlFlow("for (int i = 0; i < slots.length; i++)");
    b.beginControlFlow("switch (udt.fields().get(i).name())");
    for (int k = 0; k < n; k++) {
      b.beginControlFlow("case $S ->", mapped.get(k).cqlName());
      b.addStatement("slots[i] = $L", k);
      b.addStatement("at[$L] = i", k);
      b.endControlFlow();
    }
    if (m.forbidExcessFields()) {
      b.addStatement(
          "default -> throw $T.excessField$L(udt, i, JAVA_TYPE)", SUPPORT, d.helperSuffix);
    } else {
      b.add("// a field that no component maps to is $L\n", d.unmapped);
      b.addStatement("default -> slots[i] = -1");
    }
    b.endControlFlow();
    b.endControlFlow();
    for (int k = 0; k < n; k++) {
      Component c = mapped.get(k);
      if (c.allowMissing()) {
        b.addStatement("int $NAt = at[$L]", c.name(), k);
      } else {
        b.addStatement(
            "int $NAt = $T.requireField$L(udt, at[$L], $S, JAVA_TYPE)",
            c.name(),
            SUPPORT,
            d.helperSuffix,
            k,
            c.cqlName());
      }
    }
    return new StructLayout("udt", true, "slots.length", "slots[i]", !m.forbidExcessFields());
  }

  /** Flavor ENFORCE_ORDER: field {@code k} is component {@code k}, checked by name unless told. */
  private static StructLayout fieldsInOrder(
      CodeBlock.Builder b, RecordModel m, List<Component> mapped, Direction d) {
    int n = mapped.size();
    if (m.forbidExcessFields()) {
      b.beginControlFlow("if (udt.fields().size() > $L)", n);
      b.addStatement("throw $T.excessField$L(udt, $L, JAVA_TYPE)", SUPPORT, d.helperSuffix, n);
      b.endControlFlow();
    }
    for (int k = 0; k < n; k++) {
      Component c = mapped.get(k);
      CodeBlock at =
          CodeBlock.of(
              "$T.fieldAt$L(udt, $L, $S, $L, JAVA_TYPE)",
              SUPPORT,
              d.helperSuffix,
              k,
              c.cqlName(),
              !m.skipNameChecks());
      if (c.allowMissing()) {
        b.addStatement("int $NAt = udt.fields().size() > $L ? $L : -1", c.name(), k, at);
      } else {
        b.addStatement("int $NAt = $L", c.name(), at);
      }
    }
    return new StructLayout("udt", false, "udt.fields().size()", "i", !m.forbidExcessFields());
  }
}
