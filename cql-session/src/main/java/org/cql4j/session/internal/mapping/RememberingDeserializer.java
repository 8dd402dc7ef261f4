package org.cql4j.session.internal.mapping;

import java.util.List;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * A row deserializer that remembers the decoder it last bound, with the list of columns it bound it
 * to, and returns it again for the same list (the same object, compared by identity). Thread-safe.
 *
 * <p>Every result of a prepared statement executed without result metadata shares the statement's
 * list of result columns, so binding (a type check and a decoder per column) happens once per
 * statement instead of once per response. Results with their own metadata bind as before.
 *
 * @param <R> the row type
 */
final class RememberingDeserializer<R> implements DeserializeRow<R> {
  private final DeserializeRow<R> delegate;
  private volatile Bound<R> last;

  private record Bound<R>(List<ColumnSpec> columns, Decoder<R> decoder) {}

  RememberingDeserializer(DeserializeRow<R> delegate) {
    this.delegate = delegate;
  }

  @Override
  public Decoder<R> bind(List<ColumnSpec> columns) {
    Bound<R> bound = last;
    if (bound != null && bound.columns() == columns) {
      return bound.decoder();
    }
    Decoder<R> decoder = delegate.bind(columns); // a type error throws and is not remembered
    last = new Bound<>(columns, decoder);
    return decoder;
  }
}
