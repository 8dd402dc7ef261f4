/**
 * cql4j's Micrometer binding: {@link org.cql4j.micrometer.Cql4jMetrics}, a {@code MeterBinder} that
 * publishes a session's metrics, session-wide and per node, to a Micrometer registry. Only {@code
 * org.cql4j.micrometer} is exported; {@code org.cql4j.micrometer.internal} stays private.
 */
module org.cql4j.micrometer {
  requires transitive org.cql4j.session;
  requires transitive micrometer.core; // MeterBinder, MeterRegistry, Tag; an automatic module

  exports org.cql4j.micrometer;
}
