package org.cql4j.session.internal.prepare;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.session.statement.PreparedStatement;

/**
 * The CQL texts of the statements the session prepared and the application still holds, to prepare
 * them on a node that comes back up (the Java driver's "reprepare on up"). Weak: a statement the
 * application dropped is forgotten with it. Thread-safe.
 */
public final class PreparedTexts {
  private final Map<String, WeakReference<PreparedStatement>> byText = new ConcurrentHashMap<>();

  /**
   * Remembers a prepared statement.
   *
   * @param statement the statement the session just prepared
   */
  public void add(PreparedStatement statement) {
    byText.compute(
        statement.cql(),
        (text, held) -> held != null && held.get() != null ? held : new WeakReference<>(statement));
  }

  /**
   * The texts of the statements still held, forgetting the others.
   *
   * @return the texts, in no particular order
   */
  public List<String> texts() {
    List<String> texts = new ArrayList<>(byText.size());
    byText.forEach(
        (text, held) -> {
          if (held.get() != null) {
            texts.add(text);
          } else {
            byText.remove(text, held);
          }
        });
    return texts;
  }
}
