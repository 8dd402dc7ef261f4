package test;

import org.cql4j.mapper.UserType;

/** A user type that rejects fields it does not map. */
@UserType(forbidExcessUdtFields = true)
public record StrictAddress(String street, Integer zip) {}
