package org.cql4j.mapper.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.RecordModel;
import org.cql4j.mapper.processor.Model.TypeModel;

/**
 * Validates one annotated type and builds its {@link RecordModel}; confined to the processor's
 * thread, and used for one type. Every problem is collected (see {@link #problems()}) rather than
 * thrown, so that all errors of a type are reported in one compilation.
 *
 * <p>The rules for annotations on a component are in {@link ComponentAnnotations}, the mapping of
 * Java types in {@link TypeResolver}.
 */
final class ModelBuilder {
  private final Elements elements;
  private final Problems problems = new Problems();
  private final Types typeUtils;
  private final TypeResolver types;
  private final CodecAnnotation codecs;

  ModelBuilder(Elements elements, Types typeUtils) {
    this.elements = elements;
    this.typeUtils = typeUtils;
    this.types = new TypeResolver(elements, problems);
    this.codecs = new CodecAnnotation(elements, typeUtils, problems);
  }

  /** The problems found so far, in the order found. */
  List<Problems.Problem> problems() {
    return problems.all();
  }

  /**
   * Builds the model of an annotated type, or returns null if it has errors (then in {@link
   * #problems()}) or refers to types that do not compile (javac reports those itself).
   */
  RecordModel build(TypeElement type) {
    List<String> kinds = new ArrayList<>();
    if (type.getAnnotation(Row.class) != null) {
      kinds.add("@Row");
    }
    if (type.getAnnotation(UserType.class) != null) {
      kinds.add("@UserType");
    }
    if (type.getAnnotation(CqlTuple.class) != null) {
      kinds.add("@CqlTuple");
    }
    if (type.getAnnotation(Transparent.class) != null) {
      kinds.add("@Transparent");
    }
    String simple = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.RECORD) {
      problems.error(
          type,
          ErrorId.NotARecord,
          simple
              + " is a "
              + type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ", but "
              + String.join(" and ", kinds)
              + " maps records only; declare it as a record");
      return null;
    }
    if (kinds.size() > 1) {
      problems.error(
          type,
          ErrorId.ConflictingAnnotations,
          simple + " is annotated " + String.join(" and ", kinds) + "; keep exactly one");
      return null;
    }
    Kind kind =
        switch (kinds.get(0)) {
          case "@Row" -> Kind.ROW;
          case "@UserType" -> Kind.UDT;
          case "@CqlTuple" -> Kind.TUPLE;
          default -> Kind.TRANSPARENT;
        };
    if (kind == Kind.TRANSPARENT && type.getRecordComponents().size() != 1) {
      problems.error(
          type,
          ErrorId.TransparentArity,
          simple
              + " has "
              + type.getRecordComponents().size()
              + " components, but a @Transparent record maps as its one component; give it exactly"
              + " one, or map it as a @UserType or @CqlTuple");
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      problems.error(
          type,
          ErrorId.GenericRecord,
          simple
              + " has type parameters; generated codecs need concrete component types, so map a"
              + " non-generic record");
    }
    checkAccessible(type);
    RecordModel model = record(type, kind, new LinkedHashSet<>());
    if (kind == Kind.ROW && model != null) {
      checkDuplicates(type, model);
    }
    return problems.count() == 0 && !problems.isUnresolved() ? model : null;
  }

  private void checkAccessible(TypeElement type) {
    String simple = type.getSimpleName().toString();
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      problems.error(
          type,
          ErrorId.NotAccessible,
          simple
              + " is a local record, which the generated codec cannot name; declare it at top"
              + " level or as a member of a class");
      return;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        problems.error(
            type,
            ErrorId.NotAccessible,
            (e == type
                    ? simple + " is private"
                    : simple + " is nested in private " + e.getSimpleName())
                + ", so its generated codec, a class of the same package, cannot see it; make it"
                + " package-private or public");
        return;
      }
    }
  }

  /** The model of a record's components; null while any is unusable. */
  private RecordModel record(TypeElement type, Kind kind, Set<TypeElement> flattening) {
    Flavor flavor = Flavor.ENFORCE_ORDER; // tuples: positional, no names
    boolean skipNameChecks = true;
    boolean forbidExcess = false;
    if (kind == Kind.ROW) {
      Row row = type.getAnnotation(Row.class);
      flavor = row.flavor();
      skipNameChecks = row.skipNameChecks();
    } else if (kind == Kind.UDT) {
      UserType udt = type.getAnnotation(UserType.class);
      flavor = udt.flavor();
      skipNameChecks = udt.skipNameChecks();
      forbidExcess = udt.forbidExcessUdtFields();
    }
    if (skipNameChecks && flavor == Flavor.MATCH_BY_NAME) {
      problems.error(
          type,
          ErrorId.ConflictingAnnotations,
          type.getSimpleName()
              + " sets skipNameChecks with flavor MATCH_BY_NAME, which matches by name; use"
              + " flavor = Flavor.ENFORCE_ORDER or drop skipNameChecks");
    }
    flattening.add(type);
    List<Component> components = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement c : type.getRecordComponents()) {
      Component component = component(type, kind, c, flattening);
      if (component == null) {
        ok = false;
      } else {
        components.add(component);
      }
    }
    flattening.remove(type);
    return ok
        ? new RecordModel(
            kind,
            type,
            ClassName.get(type),
            codecName(type, kind),
            flavor,
            skipNameChecks,
            forbidExcess,
            List.copyOf(components))
        : null;
  }

  private Component component(
      TypeElement owner, Kind kind, RecordComponentElement c, Set<TypeElement> flattening) {
    String name = c.getSimpleName().toString();
    String where = "component '" + name + "' of " + owner.getSimpleName();
    ComponentAnnotations a = ComponentAnnotations.of(c);
    int before = problems.count();
    a.check(problems, c, where, kind);
    TypeMirror mirror = c.asType();
    if (mirror.getKind() == TypeKind.ERROR) {
      problems.unresolved(); // javac reports the unknown type itself
      return null;
    }
    TypeName javaType = TypeName.get(mirror).withoutAnnotations();
    TypeMirror codec = CodecAnnotation.codecOf(c);
    if (codec != null && (a.skip() || a.flatten())) {
      problems.error(
          c,
          ErrorId.ConflictingAnnotations,
          where
              + " is @CqlCodec and "
              + (a.skip() ? "@Skip" : "@Flatten")
              + ", so the codec would code nothing; remove one");
      return null;
    }
    if (a.skip()) {
      return new Component(name, name, javaType, null, true, false, false, null);
    }
    String column = a.column(name);
    if (a.flatten() && kind == Kind.ROW) {
      RecordModel inner = flattened(c, where, mirror, flattening);
      return inner == null
          ? null
          : new Component(name, column, javaType, null, false, false, false, inner);
    }
    TypeModel type =
        codec == null ? types.resolve(c, where, mirror, kind) : codecs.resolve(c, where, codec);
    if (type == null || problems.count() > before) {
      return null;
    }
    return new Component(
        name, column, javaType, type, false, a.defaultWhenNull(), a.allowMissing(), null);
  }

  /** The model of the {@code @Row} that a {@code @Flatten} component inlines, or null. */
  private RecordModel flattened(
      RecordComponentElement c, String where, TypeMirror mirror, Set<TypeElement> flattening) {
    TypeElement target = recordOf(mirror);
    if (target == null || target.getAnnotation(Row.class) == null) {
      String typeName = Problems.simpleTypeName(mirror);
      problems.error(
          c,
          ErrorId.FlattenNotRow,
          where
              + " is @Flatten, but its type "
              + typeName
              + " is not a @Row record; annotate "
              + typeName
              + " with @Row or remove @Flatten");
      return null;
    }
    if (flattening.contains(target)) {
      problems.error(
          c,
          ErrorId.FlattenCycle,
          where
              + " flattens "
              + target.getSimpleName()
              + ", which is already being flattened here; a row cannot contain its own columns");
      return null;
    }
    // Problems of the flattened record are its own, reported when it is processed; a cycle
    // through it is also this component's.
    ModelBuilder nested = new ModelBuilder(elements, typeUtils);
    RecordModel inner = nested.record(target, Kind.ROW, flattening);
    for (Problems.Problem p : nested.problems()) {
      if (p.id() == ErrorId.FlattenCycle) {
        problems.error(c, p.id(), p.message());
      }
    }
    if (inner == null || nested.problems.count() > 0 || nested.problems.isUnresolved()) {
      problems.unresolved();
      return null;
    }
    return inner;
  }

  /** A column and the component path that maps to it ({@code audit.createdAt}). */
  private record MappedColumn(String path, String column) {}

  /** Reports two components (or flattened columns) that map to one name, on the later one. */
  private void checkDuplicates(TypeElement type, RecordModel model) {
    Map<String, String> seen = new HashMap<>();
    for (Component component : model.components()) {
      List<MappedColumn> columns = new ArrayList<>();
      collectColumns(component, "", columns);
      for (MappedColumn mapped : columns) {
        String previous = seen.putIfAbsent(mapped.column(), mapped.path());
        if (previous != null) {
          problems.error(
              element(type, component.name()),
              ErrorId.DuplicateColumn,
              "component '"
                  + mapped.path()
                  + "' of "
                  + type.getSimpleName()
                  + " maps to column '"
                  + mapped.column()
                  + "', as component '"
                  + previous
                  + "' does; give one of them another @CqlName or @Skip it");
        }
      }
    }
  }

  private static void collectColumns(Component c, String prefix, List<MappedColumn> out) {
    if (c.skip()) {
      return;
    }
    if (c.flattened() == null) {
      out.add(new MappedColumn(prefix + c.name(), c.cqlName()));
      return;
    }
    for (Component inner : c.flattened().components()) {
      collectColumns(inner, prefix + c.name() + ".", out);
    }
  }

  private static RecordComponentElement element(TypeElement type, String name) {
    for (RecordComponentElement c : type.getRecordComponents()) {
      if (c.getSimpleName().contentEquals(name)) {
        return c;
      }
    }
    throw new IllegalStateException(name + " is not a component of " + type);
  }

  private static TypeElement recordOf(TypeMirror mirror) {
    if (mirror.getKind() == TypeKind.DECLARED
        && ((DeclaredType) mirror).asElement() instanceof TypeElement t
        && t.getKind() == ElementKind.RECORD) {
      return t;
    }
    return null;
  }

  /** {@code com.x.Outer.User} → {@code com.x.Outer_User<suffix>}. */
  static ClassName codecName(TypeElement type, Kind kind) {
    ClassName name = ClassName.get(type);
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + kind.suffix);
  }
}
