/**
 * cql4j's session layer: connections, pools, topology, policies, statements and the {@code
 * Session}. Only the API packages are exported; {@code org.cql4j.session.internal} stays private.
 *
 * <p>Records mapped with {@code @Row} live in the application's module: export their package (at
 * least to {@code org.cql4j.session}) so the session can instantiate the generated codecs; for
 * {@code @UserType} and {@code @CqlTuple} records used as values on their own, also to {@code
 * org.cql4j.protocol}, which looks their codecs up.
 */
module org.cql4j.session {
  requires transitive org.cql4j.protocol;
  requires io.netty.transport;
  requires io.netty.handler;
  requires io.netty.codec;
  requires org.slf4j;
  requires HdrHistogram; // no Automatic-Module-Name in its jar: named after the jar

  exports org.cql4j.session;
  exports org.cql4j.session.auth;
  exports org.cql4j.session.dao;
  exports org.cql4j.session.errors;
  exports org.cql4j.session.observability;
  exports org.cql4j.session.policy;
  exports org.cql4j.session.profile;
  exports org.cql4j.session.statement;
}
