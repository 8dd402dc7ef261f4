/**
 * cql4j's OpenTelemetry tracing: {@link org.cql4j.opentelemetry.OpenTelemetryRequestListener}, a
 * request listener that gives every request of a session a span and each of its attempts a child
 * span. Only {@code org.cql4j.opentelemetry} is exported; {@code org.cql4j.opentelemetry.internal}
 * stays private.
 */
module org.cql4j.opentelemetry {
  requires transitive org.cql4j.session;
  requires transitive io.opentelemetry.api; // create(OpenTelemetry); an automatic module
  requires io.opentelemetry.context;

  exports org.cql4j.opentelemetry;
}
