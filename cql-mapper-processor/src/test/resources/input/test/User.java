package test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Skip;

/** A row matched by name, with most features. */
// tag::user[]
@Row
public record User(
    UUID id,
    String name,
    @CqlName("login_count") @DefaultWhenNull int logins,
    long version,
    @CqlName("last_seen") Optional<Instant> lastSeen,
    Set<String> tags,
    Address home,
    List<Address> previous,
    @CqlName("by_label") Map<String, List<Address>> byLabel,
    @Skip String displayName) {}
// end::user[]
