package org.cql4j.mapper.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Skip;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.RecordModel;
import org.cql4j.mapper.processor.Model.TypeModel;

/**
 * Validates one annotated type and builds its {@link RecordModel}; confined to the processor's
 * thread. Every problem is collected (see {@link #problems()}) rather than thrown, so that all
 * errors of a type are reported in one compilation.
 */
final class ModelBuilder {
  /** A compile error waiting to be reported on an element. */
  record Problem(Element element, ErrorId id, String message) {}

  private static final String PROTOCOL_VALUE = "org.cql4j.protocol.value";

  /** Java types with a built-in codec, by canonical name (api.md's type table). */
  private static final Set<String> BUILTINS =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.String",
          "java.util.UUID",
          "java.net.InetAddress",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.Instant",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.nio.ByteBuffer",
          PROTOCOL_VALUE + ".Counter",
          PROTOCOL_VALUE + ".CqlTimeuuid",
          PROTOCOL_VALUE + ".CqlDate",
          PROTOCOL_VALUE + ".CqlTime",
          PROTOCOL_VALUE + ".CqlTimestamp",
          PROTOCOL_VALUE + ".CqlDuration",
          PROTOCOL_VALUE + ".CqlVarint",
          PROTOCOL_VALUE + ".CqlDecimal",
          PROTOCOL_VALUE + ".TupleValue",
          PROTOCOL_VALUE + ".UdtValue");

  private final Elements elements;
  private final List<Problem> problems = new ArrayList<>();
  private boolean unresolved;

  ModelBuilder(Elements elements) {
    this.elements = elements;
  }

  /** The problems found so far, in the order found. */
  List<Problem> problems() {
    return problems;
  }

  /**
   * Builds the model of an annotated type, or returns null if it has errors (then in {@link
   * #problems()}) or refers to types that do not compile (javac reports those itself).
   */
  RecordModel build(TypeElement type) {
    int before = problems.size();
    unresolved = false;
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
    String simple = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.RECORD) {
      error(
          type,
          ErrorId.NotARecord,
          simple
              + " is a "
              + type.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + ", but "
              + String.join(" and ", kinds)
              + " maps records only; declare it as a record");
      return null;
    }
    if (kinds.size() > 1) {
      error(
          type,
          ErrorId.ConflictingAnnotations,
          simple + " is annotated " + String.join(" and ", kinds) + "; keep exactly one");
      return null;
    }
    Kind kind =
        kinds.get(0).equals("@Row")
            ? Kind.ROW
            : kinds.get(0).equals("@UserType") ? Kind.UDT : Kind.TUPLE;
    if (!type.getTypeParameters().isEmpty()) {
      error(
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
    return problems.size() == before && !unresolved && model != null ? model : null;
  }

  private void checkAccessible(TypeElement type) {
    String simple = type.getSimpleName().toString();
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      error(
          type,
          ErrorId.NotAccessible,
          simple
              + " is a local record, which the generated codec cannot name; declare it at top"
              + " level or as a member of a class");
      return;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        error(
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
    Flavor flavor = Flavor.MATCH_BY_NAME;
    boolean skipNameChecks = false;
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
    } else {
      flavor = Flavor.ENFORCE_ORDER;
      skipNameChecks = true;
    }
    if (skipNameChecks && flavor == Flavor.MATCH_BY_NAME) {
      error(
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
    CqlName cqlName = c.getAnnotation(CqlName.class);
    boolean skip = c.getAnnotation(Skip.class) != null;
    boolean defaultWhenNull = c.getAnnotation(DefaultWhenNull.class) != null;
    boolean allowMissing = c.getAnnotation(AllowMissing.class) != null;
    boolean flatten = c.getAnnotation(Flatten.class) != null;
    TypeMirror mirror = c.asType();
    int before = problems.size();

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
        error(
            c,
            ErrorId.ConflictingAnnotations,
            where
                + " is @Skip and "
                + String.join(", ", others)
                + ", which apply only to mapped components; remove one");
      }
    }
    if (kind == Kind.TUPLE) {
      for (String a : List.of("@CqlName", "@Skip", "@AllowMissing")) {
        boolean present =
            a.equals("@CqlName") ? cqlName != null : a.equals("@Skip") ? skip : allowMissing;
        if (present) {
          error(
              c,
              ErrorId.MisplacedAnnotation,
              where
                  + " is annotated "
                  + a
                  + ", but tuple components are positional and all mapped; remove it");
        }
      }
    }
    if (flatten) {
      if (kind != Kind.ROW) {
        error(
            c,
            ErrorId.FlattenNotRow,
            where
                + " is @Flatten, but only a @Row record can inline another row's columns;"
                + " remove @Flatten");
      } else if (!skip && (cqlName != null || defaultWhenNull || allowMissing)) {
        error(
            c,
            ErrorId.ConflictingAnnotations,
            where
                + " is @Flatten, which inlines the columns of its record, so @CqlName,"
                + " @DefaultWhenNull and @AllowMissing have nothing to apply to; annotate the"
                + " components of the flattened record instead");
      }
    }
    if (cqlName != null && cqlName.value().isEmpty()) {
      error(c, ErrorId.InvalidName, where + " has an empty @CqlName; give the CQL name");
    }
    if (defaultWhenNull && !mirror.getKind().isPrimitive() && !skip) {
      error(
          c,
          ErrorId.MisplacedAnnotation,
          where
              + " is @DefaultWhenNull, but its type "
              + simpleTypeName(mirror)
              + " is not primitive and already reads null as null (Optional: empty); remove it");
    }
    if (mirror.getKind() == TypeKind.ERROR) {
      unresolved = true; // javac reports the unknown type itself
      return null;
    }
    TypeName javaType = TypeName.get(mirror).withoutAnnotations();
    if (skip) {
      return new Component(name, name, javaType, null, true, false, false, null);
    }
    String column = cqlName == null || cqlName.value().isEmpty() ? name : cqlName.value();
    if (flatten && kind == Kind.ROW) {
      TypeElement target = recordOf(mirror);
      if (target == null || target.getAnnotation(Row.class) == null) {
        error(
            c,
            ErrorId.FlattenNotRow,
            where
                + " is @Flatten, but its type "
                + simpleTypeName(mirror)
                + " is not a @Row record; annotate "
                + simpleTypeName(mirror)
                + " with @Row or remove @Flatten");
        return null;
      }
      if (flattening.contains(target)) {
        error(
            c,
            ErrorId.FlattenCycle,
            where
                + " flattens "
                + target.getSimpleName()
                + ", which is already being flattened here; a row cannot contain its own columns");
        return null;
      }
      // Problems of the flattened record are its own: reported when it is processed.
      ModelBuilder nested = new ModelBuilder(elements);
      RecordModel inner = nested.record(target, Kind.ROW, flattening);
      for (Problem p : nested.problems) {
        if (p.id() == ErrorId.FlattenCycle) {
          problems.add(new Problem(c, p.id(), p.message()));
        }
      }
      if (inner == null || !nested.problems.isEmpty() || nested.unresolved) {
        unresolved = true;
        return null;
      }
      return new Component(name, column, javaType, null, false, false, false, inner);
    }
    TypeModel type = type(c, where, mirror, true, kind);
    if (type == null || problems.size() > before) {
      return null;
    }
    return new Component(name, column, javaType, type, false, defaultWhenNull, allowMissing, null);
  }

  private TypeModel type(
      Element c, String where, TypeMirror mirror, boolean topLevel, Kind ownerKind) {
    if (mirror.getKind().isPrimitive()) {
      if (mirror.getKind() == TypeKind.CHAR) {
        return unsupported(c, where, mirror, "CQL has no character type; use String");
      }
      return new Model.Builtin(TypeName.get(mirror).box());
    }
    if (mirror.getKind() == TypeKind.ARRAY) {
      TypeKind element = ((ArrayType) mirror).getComponentType().getKind();
      if (element == TypeKind.BYTE || element == TypeKind.FLOAT) {
        return new Model.Builtin(
            ArrayTypeName.of(element == TypeKind.BYTE ? TypeName.BYTE : TypeName.FLOAT));
      }
      return unsupported(
          c,
          where,
          mirror,
          "arrays map only as byte[] (blob) and float[] (vector<float, n>); use a List");
    }
    if (mirror.getKind() == TypeKind.ERROR) {
      unresolved = true;
      return null;
    }
    if (mirror.getKind() != TypeKind.DECLARED) {
      return unsupported(c, where, mirror, "it is not a class type");
    }
    DeclaredType declared = (DeclaredType) mirror;
    TypeElement element = (TypeElement) declared.asElement();
    String qualified = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    if (BUILTINS.contains(qualified)) {
      return new Model.Builtin(ClassName.get(element));
    }
    switch (qualified) {
      case "java.util.List", "java.util.Set", "java.util.Map", "java.util.Optional" -> {
        int arity = qualified.equals("java.util.Map") ? 2 : 1;
        if (args.size() != arity) {
          return unsupported(
              c, where, mirror, "give its type arguments (a raw type has no CQL mapping)");
        }
        for (TypeMirror arg : args) {
          if (arg.getKind() == TypeKind.WILDCARD || arg.getKind() == TypeKind.TYPEVAR) {
            return unsupported(
                c, where, mirror, "use concrete type arguments, not wildcards or type variables");
          }
        }
        if (qualified.equals("java.util.Optional")) {
          if (!topLevel) {
            return unsupported(
                c,
                where,
                mirror,
                "Optional maps only as a component's own type, not inside a collection");
          }
          TypeModel inner = type(c, where, args.get(0), false, ownerKind);
          return inner == null ? null : new Model.OptionalOf(inner);
        }
        if (qualified.equals("java.util.Map")) {
          TypeModel key = type(c, where, args.get(0), false, ownerKind);
          TypeModel value = type(c, where, args.get(1), false, ownerKind);
          return key == null || value == null ? null : new Model.MapOf(key, value);
        }
        TypeModel e = type(c, where, args.get(0), false, ownerKind);
        if (e == null) {
          return null;
        }
        return qualified.equals("java.util.List") ? new Model.ListOf(e) : new Model.SetOf(e);
      }
      default -> {}
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (element.getAnnotation(UserType.class) != null) {
        return struct(c, where, element, Kind.UDT);
      }
      if (element.getAnnotation(CqlTuple.class) != null) {
        return struct(c, where, element, Kind.TUPLE);
      }
      if (element.getAnnotation(Row.class) != null) {
        return unsupported(
            c,
            where,
            mirror,
            ownerKind == Kind.ROW && topLevel
                ? "it is a @Row record; annotate the component @Flatten to inline its columns"
                : "a @Row record maps to columns, not to a value; use a @UserType or @CqlTuple record");
      }
      return unsupported(
          c, where, mirror, "annotate the record @UserType (user type) or @CqlTuple (tuple)");
    }
    return unsupported(c, where, mirror, "see the type table in docs/mapping.md");
  }

  private TypeModel struct(Element c, String where, TypeElement element, Kind kind) {
    Element owner = c.getEnclosingElement();
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(pkg);
      if (e.getModifiers().contains(Modifier.PRIVATE)
          || (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC))) {
        error(
            c,
            ErrorId.NotAccessible,
            where
                + " has type "
                + element.getSimpleName()
                + ", which the generated codec in package '"
                + pkg
                + "' cannot see; make it (and the types enclosing it) accessible");
        return null;
      }
    }
    if (!element.getTypeParameters().isEmpty()) {
      return null; // reported as GenericRecord on the element itself
    }
    return new Model.Struct(ClassName.get(element), codecName(element, kind));
  }

  private TypeModel unsupported(Element c, String where, TypeMirror mirror, String hint) {
    error(
        c,
        ErrorId.UnsupportedType,
        where + " has type " + simpleTypeName(mirror) + ", which has no CQL mapping; " + hint);
    return null;
  }

  /** Reports two components (or flattened columns) that map to one name, on the later one. */
  private void checkDuplicates(TypeElement type, RecordModel model) {
    Map<String, String> seen = new HashMap<>();
    for (RecordComponentElement c : type.getRecordComponents()) {
      Component component = find(model, c.getSimpleName().toString());
      if (component == null || component.skip()) {
        continue;
      }
      List<String> columns = new ArrayList<>();
      collectColumns(component, "", columns);
      for (String path : columns) {
        String column = path.substring(path.indexOf('=') + 1);
        String from = path.substring(0, path.indexOf('='));
        String previous = seen.putIfAbsent(column, from);
        if (previous != null) {
          error(
              c,
              ErrorId.DuplicateColumn,
              "component '"
                  + from
                  + "' of "
                  + type.getSimpleName()
                  + " maps to column '"
                  + column
                  + "', as component '"
                  + previous
                  + "' does; give one of them another @CqlName or @Skip it");
        }
      }
    }
  }

  private static void collectColumns(Component c, String prefix, List<String> out) {
    if (c.skip()) {
      return;
    }
    if (c.flattened() == null) {
      out.add(prefix + c.name() + "=" + c.cqlName());
      return;
    }
    for (Component inner : c.flattened().components()) {
      collectColumns(inner, prefix + c.name() + ".", out);
    }
  }

  private static Component find(RecordModel model, String name) {
    for (Component c : model.components()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
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

  private static String simpleTypeName(TypeMirror mirror) {
    return TypeName.get(mirror)
        .withoutAnnotations()
        .toString()
        .replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }

  private void error(Element element, ErrorId id, String message) {
    problems.add(new Problem(locatable(element), id, message));
  }

  /**
   * javac (17 to 21 at least) has no source position for a {@code RecordComponentElement}, so a
   * message on it would have no file and line; the component's private field carries the
   * component's position, so report there.
   */
  private static Element locatable(Element element) {
    if (element instanceof RecordComponentElement c) {
      for (Element e : c.getEnclosingElement().getEnclosedElements()) {
        if (e.getKind() == ElementKind.FIELD && e.getSimpleName().equals(c.getSimpleName())) {
          return e;
        }
      }
    }
    return element;
  }

  static String packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }
}
