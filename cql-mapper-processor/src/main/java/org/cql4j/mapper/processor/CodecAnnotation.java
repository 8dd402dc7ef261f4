package org.cql4j.mapper.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlCodec;

/**
 * Checks a component's {@code @CqlCodec} and builds its {@link Model.Custom}; confined to the
 * processor's thread, as the {@link Problems} it reports to.
 *
 * <p>The class must be a public (or same-package), concrete, top-level or static class with a
 * public no-argument constructor, providing both {@code SerializeValue<T>} and {@code
 * DeserializeValue<T>} for the component's type {@code T} (boxed) through {@code ValueCodec<T>};
 * not on a primitive component, whose reads and writes bypass codecs.
 */
final class CodecAnnotation {
  private static final String VALUE_CODEC = "org.cql4j.protocol.value.ValueCodec";

  private final Elements elements;
  private final Types types;
  private final Problems problems;

  CodecAnnotation(Elements elements, Types types, Problems problems) {
    this.elements = elements;
    this.types = types;
    this.problems = problems;
  }

  /** The codec class a component's {@code @CqlCodec} names, or null without one. */
  static TypeMirror codecOf(RecordComponentElement c) {
    for (AnnotationMirror a : c.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) a.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(CqlCodec.class.getCanonicalName())) {
        for (var e : a.getElementValues().entrySet()) {
          ExecutableElement key = e.getKey();
          AnnotationValue value = e.getValue();
          if (key.getSimpleName().contentEquals("value")
              && value.getValue() instanceof TypeMirror mirror) {
            return mirror;
          }
        }
      }
    }
    return null;
  }

  /**
   * The model of a component coded by {@code codec}, or null when the codec cannot code it (then
   * reported).
   *
   * @param c the component
   * @param where {@code component 'x' of User}, for messages
   * @param codec the class {@code @CqlCodec} names
   */
  Model.TypeModel resolve(RecordComponentElement c, String where, TypeMirror codec) {
    TypeMirror component = c.asType();
    if (codec.getKind() == TypeKind.ERROR || component.getKind() == TypeKind.ERROR) {
      problems.unresolved();
      return null;
    }
    String codecName = Problems.simpleTypeName(codec);
    if (component.getKind().isPrimitive()) {
      return invalid(
          c,
          where,
          "has a @CqlCodec, but its type "
              + component
              + " is primitive, and primitives are read and written without codecs; use "
              + types.boxedClass((javax.lang.model.type.PrimitiveType) component).getSimpleName());
    }
    if (codec.getKind() != TypeKind.DECLARED
        || !(((DeclaredType) codec).asElement() instanceof TypeElement element)
        || element.getKind() != ElementKind.CLASS) {
      return invalid(c, where, "names " + codecName + " in @CqlCodec, which is not a class");
    }
    if (element.getModifiers().contains(Modifier.ABSTRACT)
        || (element.getNestingKind().isNested()
            && !element.getModifiers().contains(Modifier.STATIC))
        || !visible(c, element)
        || !hasPublicNoArgConstructor(element)) {
      return invalid(
          c,
          where,
          "names "
              + codecName
              + " in @CqlCodec, which the generated codec cannot instantiate; make it a concrete,"
              + " public (or same-package), top-level or static class with a public no-argument"
              + " constructor");
    }
    TypeElement spi = elements.getTypeElement(VALUE_CODEC);
    if (spi == null) {
      return invalid(
          c,
          where,
          "has a @CqlCodec, but " + VALUE_CODEC + " is not on the classpath; add cql-protocol");
    }
    if (!types.isAssignable(codec, types.getDeclaredType(spi, component))) {
      return invalid(
          c,
          where,
          "names "
              + codecName
              + " in @CqlCodec, which is not a ValueCodec<"
              + Problems.simpleTypeName(component)
              + ">; a codec implements ValueCodec of the component's type");
    }
    return new Model.Custom(TypeName.get(component).withoutAnnotations(), ClassName.get(element));
  }

  private boolean visible(Element c, TypeElement element) {
    String pkg = elements.getPackageOf(c).getQualifiedName().toString();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(pkg);
      if (e.getModifiers().contains(Modifier.PRIVATE)
          || (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasPublicNoArgConstructor(TypeElement element) {
    return ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
        .anyMatch(k -> k.getParameters().isEmpty() && k.getModifiers().contains(Modifier.PUBLIC));
  }

  private Model.TypeModel invalid(Element c, String where, String message) {
    problems.error(c, ErrorId.InvalidCodec, where + " " + message);
    return null;
  }
}
