package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.type.TypeMirror;
import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Skip;
import org.cql4j.mapper.processor.Model.Kind;

/**
 * The mapper annotations on one record component, and the rules for combining them; immutable and
 * thread-safe (a record), though the {@link Problems} it reports to are not.
 *
 * @param cqlName the {@code @CqlName} value, or null without one
 * @param skip whether {@code @Skip}
 * @param defaultWhenNull whether {@code @DefaultWhenNull}
 * @param allowMissing whether {@code @AllowMissing}
 * @param flatten whether {@code @Flatten}
 */
record ComponentAnnotations(
    String cqlName, boolean skip, boolean defaultWhenNull, boolean allowMissing, boolean flatten) {

  /** Reads the annotations of {@code c}. */
  static ComponentAnnotations of(RecordComponentElement c) {
    CqlName name = c.getAnnotation(CqlName.class);
    return new ComponentAnnotations(
        name == null ? null : name.value(),
        c.getAnnotation(Skip.class) != null,
        c.getAnnotation(DefaultWhenNull.class) != null,
        c.getAnnotation(AllowMissing.class) != null,
        c.getAnnotation(Flatten.class) != null);
  }

  /** The column, bind marker or field name: the {@code @CqlName}, or the component's name. */
  String column(String componentName) {
    return cqlName == null || cqlName.isEmpty() ? componentName : cqlName;
  }

  /**
   * Reports annotations that contradict each other or have no meaning on this component.
   *
   * @param c the component
   * @param where {@code component 'x' of User}, for messages
   * @param kind what the component's record maps to
   */
  void check(Problems problems, RecordComponentElement c, String where, Kind kind) {
    if (skip) {
      List<String> others = new ArrayList<>();
      if (cqlName != null) {
        others.add("@CqlName");
      }
      if (defaultWhenNull) {
        others.add("@DefaultWhenNull");
      }
      if (allowMissing) {
        others.add("@AllowMissing");
      }
      if (flatten) {
        others.add("@Flatten");
      }
      if (!others.isEmpty()) {
        problems.error(
            c,
            ErrorId.ConflictingAnnotations,
            where
                + " is @Skip and "
                + String.join(", ", others)
                + ", which apply only to mapped components; remove one");
      }
    }
    if (kind == Kind.TUPLE) {
      String why = "tuple components are positional and all mapped";
      misplaced(problems, c, where, "@CqlName", cqlName != null, why);
      misplaced(problems, c, where, "@Skip", skip, why);
      misplaced(problems, c, where, "@AllowMissing", allowMissing, why);
    }
    if (kind == Kind.TRANSPARENT) {
      String why = "the one component of a @Transparent record is the value itself";
      misplaced(problems, c, where, "@CqlName", cqlName != null, why);
      misplaced(problems, c, where, "@Skip", skip, why);
      misplaced(problems, c, where, "@AllowMissing", allowMissing, why);
      misplaced(problems, c, where, "@DefaultWhenNull", defaultWhenNull, why);
    }
    if (flatten) {
      if (kind != Kind.ROW) {
        problems.error(
            c,
            ErrorId.FlattenNotRow,
            where
                + " is @Flatten, but only a @Row record can inline another row's columns;"
                + " remove @Flatten");
      } else if (!skip && (cqlName != null || defaultWhenNull || allowMissing)) {
        problems.error(
            c,
            ErrorId.ConflictingAnnotations,
            where
                + " is @Flatten, which inlines the columns of its record, so @CqlName,"
                + " @DefaultWhenNull and @AllowMissing have nothing to apply to; annotate the"
                + " components of the flattened record instead");
      }
    }
    if (cqlName != null && cqlName.isEmpty()) {
      problems.error(c, ErrorId.InvalidName, where + " has an empty @CqlName; give the CQL name");
    }
    TypeMirror mirror = c.asType();
    if (defaultWhenNull && !mirror.getKind().isPrimitive() && !skip) {
      problems.error(
          c,
          ErrorId.MisplacedAnnotation,
          where
              + " is @DefaultWhenNull, but its type "
              + Problems.simpleTypeName(mirror)
              + " is not primitive and already reads null as null (Optional: empty); remove it");
    }
  }

  private static void misplaced(
      Problems problems,
      RecordComponentElement c,
      String where,
      String annotation,
      boolean on,
      String why) {
    if (on) {
      problems.error(
          c,
          ErrorId.MisplacedAnnotation,
          where + " is annotated " + annotation + ", but " + why + "; remove it");
    }
  }
}
