package test;

import org.cql4j.mapper.UserType;

/** A user type with a newtype and an enum field. */
@UserType
public record Contact(Email email, Status status) {}
