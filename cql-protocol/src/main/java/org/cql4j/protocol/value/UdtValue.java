package org.cql4j.protocol.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of a CQL user-defined type: field values by name, in field order. Immutable and
 * thread-safe (the field values themselves are shared as given).
 *
 * <p>When written, fields are matched by name to the UDT's fields; a missing field is written as
 * null, a field the type does not have is an error. Decoded values use the default Java type of
 * each field's CQL type.
 */
public final class UdtValue {
  private final Map<String, Object> fields;

  private UdtValue(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /**
   * Returns a UDT value with the given fields. Thread-safe.
   *
   * @param fields field values by name, in field order; nulls allowed; copied
   * @return the value
   */
  public static UdtValue of(Map<String, ?> fields) {
    return new UdtValue(new LinkedHashMap<>(fields));
  }

  /**
   * Starts building a UDT value. Thread-safe.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a field's value. Thread-safe.
   *
   * @param name the field name
   * @return the value, or null if null or absent
   */
  public Object get(String name) {
    return fields.get(name);
  }

  /**
   * Returns a field's value cast to a type. Thread-safe.
   *
   * @param name the field name
   * @param type the expected class
   * @param <T> the expected type
   * @return the value, or null if null or absent
   * @throws ClassCastException if the value has another type
   */
  public <T> T get(String name, Class<T> type) {
    return type.cast(fields.get(name));
  }

  /**
   * Whether the value has the named field (possibly null). Thread-safe.
   *
   * @param name the field name
   * @return true if present
   */
  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The fields as an unmodifiable map in field order; thread-safe. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** Compares fields; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof UdtValue u && fields.equals(u.fields);
  }

  /** Hashes fields; thread-safe. */
  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** The fields in braces, as CQL writes a UDT literal; thread-safe. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    fields.forEach(
        (k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ").append(v));
    return sb.append('}').toString();
  }

  /** Builds a {@link UdtValue}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a field. Not thread-safe.
     *
     * @param name the field name
     * @param value the value, may be null
     * @return this builder
     */
    public Builder set(String name, Object value) {
      fields.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Returns the value. Not thread-safe.
     *
     * @return the UDT value
     */
    public UdtValue build() {
      return new UdtValue(new LinkedHashMap<>(fields));
    }
  }
}
