package org.cql4j.examples;

import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.DowngradingConsistencyRetryPolicy;
import org.cql4j.session.policy.FallthroughRetryPolicy;
import org.cql4j.session.policy.RequestInfo;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.Statement;

/** Retry policies: the default, none, downgrading consistency, a custom one, and what they did. */
public final class RetriesExample {
  private RetriesExample() {}

  /**
   * The execution profiles of the example, one per retry policy.
   *
   * @param standard the default retry policy
   * @param never never retries
   * @param downgrading retries at a weaker consistency
   * @param atMostOnce the default policy, but one retry per execution at most
   */
  public record Profiles(
      ExecutionProfile standard,
      ExecutionProfile never,
      ExecutionProfile downgrading,
      ExecutionProfile atMostOnce) {}

  /**
   * How a statement ran.
   *
   * @param coordinator the node that answered, or null when it failed
   * @param error what it failed with, or null when it succeeded
   * @param history its attempts and the retry policy's decisions
   */
  public record Outcome(Node coordinator, RuntimeException error, StructuredHistory history) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(
        session -> {
          setUp(session);
          Profiles profiles = profiles();
          System.out.print(read(session, profiles.standard()).history());
          System.out.print(append(session, profiles.standard()).history());
          System.out.print(read(session, profiles.downgrading()).history());
        });
  }

  /**
   * Creates the table and its row.
   *
   * @param session the session
   */
  public static void setUp(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.stock (item text PRIMARY KEY, count int,"
            + " sold list<text>)");
    session.queryUnpaged("INSERT INTO examples.stock (item, count) VALUES ('tea', 12)");
  }

  /**
   * A policy that lets another one decide, but retries at most once per execution.
   *
   * <p>Thread-safe: immutable; each execution gets its own session.
   */
  // tag::custom-policy[]
  static final class AtMostOneRetry implements RetryPolicy {
    private final RetryPolicy delegate;

    AtMostOneRetry(RetryPolicy delegate) {
      this.delegate = delegate;
    }

    @Override
    public RetrySession newSession() {
      RetrySession decider = delegate.newSession();
      return new RetrySession() {
        private boolean retried; // confined to one execution: no synchronization needed

        @Override
        public RetryDecision decide(RequestInfo info) {
          if (retried) {
            return RetryDecision.DONT_RETRY; // the caller gets info.error()
          }
          RetryDecision decision = decider.decide(info);
          retried = !(decision instanceof RetryDecision.DontRetry);
          return decision;
        }
      };
    }
  }

  // end::custom-policy[]

  /**
   * Builds one execution profile per retry policy.
   *
   * @return the profiles
   */
  public static Profiles profiles() {
    // tag::profiles[]
    ExecutionProfile standard =
        ExecutionProfile.builder()
            .retryPolicy(DefaultRetryPolicy.INSTANCE) // the default: no need to set it
            .build();
    ExecutionProfile never =
        ExecutionProfile.builder()
            .retryPolicy(FallthroughRetryPolicy.INSTANCE) // every error reaches the caller
            .build();
    ExecutionProfile downgrading =
        ExecutionProfile.builder()
            .consistency(Consistency.QUORUM)
            .retryPolicy(DowngradingConsistencyRetryPolicy.INSTANCE) // a retry may be weaker
            .build();
    ExecutionProfile atMostOnce =
        ExecutionProfile.builder()
            .retryPolicy(new AtMostOneRetry(DefaultRetryPolicy.INSTANCE))
            .build();
    // end::profiles[]
    return new Profiles(standard, never, downgrading, atMostOnce);
  }

  /**
   * Reads the stock of tea: idempotent.
   *
   * @param session the session
   * @param profile the execution profile, with the retry policy
   * @return how it ran
   */
  public static Outcome read(Session session, ExecutionProfile profile) {
    // tag::read[]
    Statement read =
        new Statement("SELECT count FROM examples.stock WHERE item = 'tea'")
            .setIdempotent(true) // reading twice changes nothing: safe to send again
            .setExecutionProfileHandle(profile.intoHandle());
    // end::read[]
    return run(session, read);
  }

  /**
   * Appends to the list of sales: not idempotent.
   *
   * @param session the session
   * @param profile the execution profile, with the retry policy
   * @return how it ran
   */
  public static Outcome append(Session session, ExecutionProfile profile) {
    // tag::append[]
    Statement append =
        new Statement("UPDATE examples.stock SET sold = sold + ['tea'] WHERE item = 'tea'")
            .setExecutionProfileHandle(profile.intoHandle()); // not idempotent (the default)
    // end::append[]
    return run(session, append);
  }

  private static Outcome run(Session session, Statement statement) {
    // tag::history[]
    HistoryCollector history = new HistoryCollector();
    statement.setHistoryListener(history); // records each attempt and the policy's decision
    try {
      Node coordinator = session.queryUnpaged(statement).coordinator();
      return new Outcome(coordinator, null, history.structuredHistory());
    } catch (DbException | NoHostAvailableException e) {
      // DbException: the policy did not retry the server's error;
      // NoHostAvailableException: retried until no node was left, e.errors() has each one's
      return new Outcome(null, e, history.structuredHistory());
    }
    // end::history[]
  }
}
