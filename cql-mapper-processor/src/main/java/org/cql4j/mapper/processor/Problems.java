package org.cql4j.mapper.processor;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.type.TypeMirror;

/**
 * The compile errors found in one annotated type; confined to the processor's thread. Problems are
 * collected rather than thrown, so that all errors of a type are reported in one compilation.
 */
final class Problems {
  /** A compile error waiting to be reported on an element. */
  record Problem(Element element, ErrorId id, String message) {}

  private final List<Problem> problems = new ArrayList<>();
  private boolean unresolved;

  /** The problems found so far, in the order found. */
  List<Problem> all() {
    return problems;
  }

  /** The number of problems found so far. */
  int count() {
    return problems.size();
  }

  /** Reports {@code message} on {@code element}, or on its source position if it has none. */
  void error(Element element, ErrorId id, String message) {
    problems.add(new Problem(locatable(element), id, message));
  }

  /**
   * Notes that the type refers to a type that does not compile; javac reports that itself, and no
   * codec is generated.
   */
  void unresolved() {
    unresolved = true;
  }

  /** Whether {@link #unresolved()} was called. */
  boolean isUnresolved() {
    return unresolved;
  }

  /** {@code java.util.List<java.lang.String>} → {@code List<String>}, for messages. */
  static String simpleTypeName(TypeMirror mirror) {
    return TypeName.get(mirror)
        .withoutAnnotations()
        .toString()
        .replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
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
}
