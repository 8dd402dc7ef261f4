package test;

import java.util.UUID;
import org.cql4j.mapper.Row;

/** A row for the DAO. */
@Row
public record Person(UUID id, String name, int age) {}
