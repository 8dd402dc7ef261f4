package test;

import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.UserType;

/** A user type matched by position, with a field added later. */
@UserType(flavor = Flavor.ENFORCE_ORDER)
public record OrderedAddress(
    String street, @CqlName("zip_code") int zip, @AllowMissing String country) {}
