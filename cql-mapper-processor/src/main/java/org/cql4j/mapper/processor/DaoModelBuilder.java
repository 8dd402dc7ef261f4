package org.cql4j.mapper.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.Query;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.DaoModel.Binding;
import org.cql4j.mapper.processor.DaoModel.Method;
import org.cql4j.mapper.processor.DaoModel.Parameter;
import org.cql4j.mapper.processor.DaoModel.Returns;
import org.cql4j.mapper.processor.Model.Kind;

/**
 * Validates a {@code @Dao} interface and builds its {@link DaoModel}; confined to the processor's
 * thread, and used for one interface. Problems are collected, as in {@link ModelBuilder}: the
 * interface's form, each method's return type, its parameters against the bind markers of its CQL
 * ({@link CqlText}), the selected columns against a {@code @Row} result, and its {@code
 * StatementAttributes} ({@link DaoAttributes}).
 */
final class DaoModelBuilder {
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String SESSION = "org.cql4j.session.";

  private final Elements elements;
  private final Types types;
  private final Problems problems = new Problems();
  private final TypeResolver resolver;
  private final SelectedColumns selectedColumns;
  private final SchemaCheck schemaCheck; // null without -Acql4j.schema

  DaoModelBuilder(Elements elements, Types types, CqlSchema schema) {
    this.elements = elements;
    this.types = types;
    this.resolver = new TypeResolver(elements, problems);
    this.selectedColumns = new SelectedColumns(elements, types, problems);
    this.schemaCheck =
        schema == null ? null : new SchemaCheck(schema, types, problems, selectedColumns);
  }

  List<Problems.Problem> problems() {
    return problems.all();
  }

  /** The model, or null when the interface has problems (then in {@link #problems()}). */
  DaoModel build(TypeElement type) {
    String simple = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.INTERFACE) {
      problems.error(
          type,
          ErrorId.DaoNotInterface,
          simple + " is not an interface, but @Dao implements interfaces only; declare one");
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      problems.error(
          type,
          ErrorId.DaoNotInterface,
          simple + " has type parameters; a generated DAO implements a non-generic interface");
      return null;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        problems.error(
            type,
            ErrorId.DaoNotInterface,
            simple + " is private or nested in a private type; the generated DAO cannot see it");
        return null;
      }
    }
    List<Method> methods = new ArrayList<>();
    Set<String> fields = new HashSet<>(Set.of("session"));
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      Method method = method(m, fields);
      if (method != null) {
        methods.add(method);
      }
    }
    ClassName dao = ClassName.get(type);
    ClassName implementation =
        ClassName.get(dao.packageName(), String.join("_", dao.simpleNames()) + "_CqlDao");
    return problems.count() == 0 && !problems.isUnresolved()
        ? new DaoModel(type, dao, implementation, List.copyOf(methods))
        : null;
  }

  private Method method(ExecutableElement m, Set<String> fields) {
    String where =
        ((TypeElement) m.getEnclosingElement()).getSimpleName() + "." + m.getSimpleName();
    Query query = m.getAnnotation(Query.class);
    if (query == null) {
      problems.error(
          m,
          ErrorId.MissingQuery,
          where + " has no @Query; give it one, or make it a default method");
      return null;
    }
    if (!m.getTypeParameters().isEmpty()) {
      problems.error(
          m, ErrorId.UnsupportedReturnType, where + " has type parameters; declare concrete types");
      return null;
    }
    CqlText text;
    try {
      text = CqlText.read(query.value());
    } catch (IllegalArgumentException e) {
      problems.error(m, ErrorId.InvalidCql, where + "'s CQL has " + e.getMessage());
      return null;
    }
    ReturnShape shape = returnShape(m, where);
    List<Parameter> parameters = parameters(m, where);
    DaoModel.Attributes attributes = new DaoAttributes(elements, problems).read(m, where);
    if (shape == null || parameters == null || attributes == null) {
      return null;
    }
    Binding binding = binding(m, where, text, parameters);
    if (binding == null) {
      return null;
    }
    if (shape.row() != null) {
      selectedColumns.check(m, where, text, shape.row());
    }
    if (schemaCheck != null) {
      schemaCheck.check(m, where, text, parameters, binding, shape.row());
    }
    String field = m.getSimpleName() + "Statement";
    for (int i = 2; !fields.add(field); i++) {
      field = m.getSimpleName() + "Statement" + i;
    }
    return new Method(
        m,
        m.getSimpleName().toString(),
        field,
        query.value(),
        parameters,
        binding,
        shape.returns(),
        shape.async(),
        TypeName.get(m.getReturnType()),
        shape.row() == null ? null : TypeName.get(shape.row()).box(),
        attributes);
  }

  /** What a method returns: the kind, whether in a future, and the row type. */
  private record ReturnShape(Returns returns, boolean async, TypeMirror row) {}

  private ReturnShape returnShape(ExecutableElement m, String where) {
    TypeMirror type = m.getReturnType();
    boolean async = false;
    if (isDeclared(type, FUTURE)) {
      List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
      if (args.size() != 1 || args.get(0).getKind() != TypeKind.DECLARED) {
        return unsupported(m, where, type);
      }
      async = true;
      type = args.get(0);
    }
    if (type.getKind() == TypeKind.ERROR) {
      problems.unresolved();
      return null;
    }
    if (type.getKind() == TypeKind.VOID || async && isDeclared(type, "java.lang.Void")) {
      return new ReturnShape(Returns.VOID, async, null);
    }
    if (type.getKind() == TypeKind.BOOLEAN || isDeclared(type, "java.lang.Boolean")) {
      return new ReturnShape(Returns.BOOLEAN, async, null);
    }
    if (isDeclared(type, SESSION + "QueryPager")) {
      return new ReturnShape(Returns.PAGER, async, null);
    }
    if (isDeclared(type, SESSION + "QueryResult")) {
      return new ReturnShape(Returns.RESULT, async, null);
    }
    Returns returns = Returns.ONE;
    TypeMirror row = type;
    if (isDeclared(type, "java.util.Optional") || isDeclared(type, "java.util.List")) {
      returns = isDeclared(type, "java.util.List") ? Returns.LIST : Returns.OPTIONAL;
      List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
      if (args.size() != 1) {
        return unsupported(m, where, m.getReturnType());
      }
      row = args.get(0);
    }
    if (!isRowType(row) || async && row.getKind().isPrimitive()) {
      return unsupported(m, where, m.getReturnType());
    }
    return new ReturnShape(returns, async, row);
  }

  // a class literal can name it, and the session can read a row into it
  private boolean isRowType(TypeMirror row) {
    if (row.getKind().isPrimitive()) {
      return row.getKind() != TypeKind.CHAR;
    }
    if (row.getKind() != TypeKind.DECLARED || !((DeclaredType) row).getTypeArguments().isEmpty()) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) row).asElement();
    String name = element.getQualifiedName().toString();
    return TypeResolver.BUILTINS.contains(name)
        || name.equals("org.cql4j.protocol.value.CqlRow")
        || element.getKind() == ElementKind.ENUM
        || element.getAnnotation(Row.class) != null
        || element.getAnnotation(UserType.class) != null
        || element.getAnnotation(CqlTuple.class) != null
        || element.getAnnotation(Transparent.class) != null;
  }

  private ReturnShape unsupported(ExecutableElement m, String where, TypeMirror type) {
    problems.error(
        m,
        ErrorId.UnsupportedReturnType,
        where
            + " returns "
            + Problems.simpleTypeName(type)
            + ", which a DAO method cannot; return void, boolean, T, Optional<T>, List<T>,"
            + " QueryPager or QueryResult, or a CompletableFuture of one, where T is a @Row record,"
            + " CqlRow or a single column's type");
    return null;
  }

  private boolean isDeclared(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }

  private List<Parameter> parameters(ExecutableElement m, String where) {
    List<Parameter> parameters = new ArrayList<>();
    boolean ok = true;
    for (VariableElement p : m.getParameters()) {
      String name = p.getSimpleName().toString();
      CqlName cqlName = p.getAnnotation(CqlName.class);
      String marker = cqlName == null ? name.toLowerCase(java.util.Locale.ROOT) : cqlName.value();
      if (!isRowRecord(p.asType())
          && resolver.resolve(p, "parameter '" + name + "' of " + where, p.asType(), Kind.UDT)
              == null) {
        ok = false;
      }
      parameters.add(new Parameter(name, marker, TypeName.get(p.asType())));
    }
    return ok ? parameters : null;
  }

  private static boolean isRowRecord(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getAnnotation(Row.class) != null;
  }

  private Binding binding(
      ExecutableElement m, String where, CqlText text, List<Parameter> parameters) {
    int named = new LinkedHashSet<>(text.namedMarkers()).size();
    if (text.positionalMarkers() > 0 && named > 0) {
      return mismatch(m, where + "'s CQL mixes ? and :name bind markers; use one kind");
    }
    if (parameters.size() == 1 && isRowRecord(m.getParameters().get(0).asType())) {
      return Binding.ROW;
    }
    if (named > 0) {
      Set<String> markers = new LinkedHashSet<>(text.namedMarkers());
      Set<String> bound = new LinkedHashSet<>();
      for (Parameter p : parameters) {
        if (!bound.add(p.marker())) {
          return mismatch(m, where + " binds two parameters to the marker :" + p.marker());
        }
      }
      Set<String> unbound = new LinkedHashSet<>(markers);
      unbound.removeAll(bound);
      Set<String> unused = new LinkedHashSet<>(bound);
      unused.removeAll(markers);
      if (!unbound.isEmpty() || !unused.isEmpty()) {
        return mismatch(
            m,
            where
                + (unbound.isEmpty() ? "" : " has no parameter for the markers :" + unbound)
                + (!unbound.isEmpty() && !unused.isEmpty() ? ", and" : "")
                + (unused.isEmpty() ? "" : " has parameters for no marker: " + unused)
                + "; name a parameter after its marker, or give it @CqlName(\"marker\")");
      }
      return Binding.NAMED;
    }
    if (text.positionalMarkers() != parameters.size()) {
      return mismatch(
          m,
          where
              + "'s CQL has "
              + text.positionalMarkers()
              + " bind marker(s) and the method "
              + parameters.size()
              + " parameter(s); give one parameter per ?, in order");
    }
    return parameters.isEmpty() ? Binding.NONE : Binding.POSITIONAL;
  }

  private Binding mismatch(ExecutableElement m, String message) {
    problems.error(m, ErrorId.MarkerMismatch, message);
    return null;
  }
}
