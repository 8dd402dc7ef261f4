package org.cql4j.testkit.proxy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An ordered list of rules, changeable while traffic flows; thread-safe (copy-on-write: a frame is
 * matched against the list as it was when the frame arrived).
 *
 * <p>The first rule whose condition holds decides what happens to a frame; a frame no rule matches
 * is forwarded unchanged.
 */
public final class Rules {
  private final CopyOnWriteArrayList<Rule> rules = new CopyOnWriteArrayList<>();

  /** Creates an empty list. */
  public Rules() {}

  /**
   * Appends a rule.
   *
   * @return the rule, to {@link #remove} it later
   */
  public Rule add(Condition condition, Action action) {
    Rule rule = new Rule(condition, action);
    rules.add(rule);
    return rule;
  }

  /** Appends a rule. */
  public Rule add(Rule rule) {
    rules.add(rule);
    return rule;
  }

  /** Inserts a rule before all others. */
  public Rule addFirst(Condition condition, Action action) {
    Rule rule = new Rule(condition, action);
    rules.add(0, rule);
    return rule;
  }

  /** Removes a rule; returns whether it was there. */
  public boolean remove(Rule rule) {
    return rules.remove(rule);
  }

  /** Replaces every rule at once. */
  public void set(List<Rule> newRules) {
    synchronized (rules) {
      rules.clear();
      rules.addAll(newRules);
    }
  }

  /** Removes every rule. */
  public void clear() {
    rules.clear();
  }

  /** The rules, in order (a snapshot). */
  public List<Rule> list() {
    return List.copyOf(rules);
  }

  /**
   * The action of the first rule whose condition holds.
   *
   * @param frame the frame
   * @return the action, empty when no rule matches
   */
  public Optional<Action> match(ProxyFrame frame) {
    for (Rule rule : rules) {
      if (rule.condition().test(frame)) {
        return Optional.of(rule.action());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return rules.toString();
  }
}
