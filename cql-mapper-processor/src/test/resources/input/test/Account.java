package test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.mapper.CqlCodec;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Row;

/** Enums, newtypes and a custom codec, on their own and nested. */
// tag::account[]
@Row
public record Account(
    AccountId id,
    Email email,
    Status status,
    @CqlName("previous_status") Optional<Status> previousStatus,
    List<Email> aliases,
    @CqlName("status_by_email") Map<Email, Status> statusByEmail,
    Set<Status> seen,
    Contact contact,
    @CqlCodec(MoneyCodec.class) Money balance) {}
// end::account[]
