package org.cql4j.protocol.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The value of a CQL {@code tuple}: its components, any of which may be null. Immutable and
 * thread-safe (the components themselves are shared as given).
 *
 * <p>Decoded components use the default Java type of their CQL type ({@code int} → {@code Integer},
 * {@code list} → {@code List}, ...). A {@code blob} component is a read-only {@code ByteBuffer}
 * view, valid only while the result it came from is alive.
 */
public final class TupleValue {
  private final List<Object> components;

  private TupleValue(List<Object> components) {
    this.components = Collections.unmodifiableList(components);
  }

  /**
   * Returns a tuple of the given components. Thread-safe.
   *
   * @param components the components in order; nulls allowed
   * @return the tuple
   */
  public static TupleValue of(Object... components) {
    return new TupleValue(new ArrayList<>(Arrays.asList(components)));
  }

  /**
   * Returns a tuple of the given components. Thread-safe.
   *
   * @param components the components in order; nulls allowed; copied
   * @return the tuple
   */
  public static TupleValue ofList(List<?> components) {
    return new TupleValue(new ArrayList<>(components));
  }

  /** The number of components; thread-safe. */
  public int size() {
    return components.size();
  }

  /**
   * Returns a component. Thread-safe.
   *
   * @param index the position
   * @return the component, may be null
   */
  public Object get(int index) {
    return components.get(index);
  }

  /**
   * Returns a component cast to a type. Thread-safe.
   *
   * @param index the position
   * @param type the expected class
   * @param <T> the expected type
   * @return the component, may be null
   * @throws ClassCastException if the component has another type
   */
  public <T> T get(int index, Class<T> type) {
    return type.cast(components.get(index));
  }

  /** The components as an unmodifiable list; thread-safe. */
  public List<Object> components() {
    return components;
  }

  /** Compares components; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TupleValue t && components.equals(t.components);
  }

  /** Hashes components; thread-safe. */
  @Override
  public int hashCode() {
    return components.hashCode();
  }

  /** The components in parentheses; thread-safe. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < components.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(components.get(i));
    }
    return sb.append(')').toString();
  }
}
