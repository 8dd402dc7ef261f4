package test;

import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.UserType;

/** A user type with a renamed field, a primitive and a field added later. */
// tag::address[]
@UserType
public record Address(
    String street, @CqlName("zip_code") @DefaultWhenNull int zip, @AllowMissing String country) {}
// end::address[]
