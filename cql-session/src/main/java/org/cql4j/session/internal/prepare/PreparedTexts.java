package org.cql4j.session.internal.prepare;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.session.statement.PreparedStatement;

/**
 * The PREPAREs (CQL texts, with the keyspace they named, if any) of the statements the session
 * prepared and the application still holds, to prepare them on a node that comes back up (the Java
 * driver's "reprepare on up"). Weak: a statement the application dropped is forgotten with it.
 * Thread-safe.
 */
public final class PreparedTexts {
  private final Map<Prepare, WeakReference<PreparedStatement>> byText = new ConcurrentHashMap<>();

  /**
   * Remembers a prepared statement.
   *
   * @param prepare the PREPARE that prepared it
   * @param statement the statement the session just prepared
   */
  public void add(Prepare prepare, PreparedStatement statement) {
    byText.compute(
        prepare,
        (text, held) -> held != null && held.get() != null ? held : new WeakReference<>(statement));
  }

  /**
   * The PREPAREs of the statements still held, forgetting the others.
   *
   * @return the PREPAREs, in no particular order
   */
  public List<Prepare> texts() {
    List<Prepare> texts = new ArrayList<>(byText.size());
    byText.forEach(
        (prepare, held) -> {
          if (held.get() != null) {
            texts.add(prepare);
          } else {
            byText.remove(prepare, held);
          }
        });
    return texts;
  }
}
