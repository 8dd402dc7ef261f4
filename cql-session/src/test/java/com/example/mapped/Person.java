package com.example.mapped;

/** A record with a hand-written codec in {@link Person_CqlRowCodec}, as the mapper would make. */
public record Person(int id, String name) {

  /** A nested record whose codec follows the $ to _ naming rule. */
  public record Nested(String name) {}
}
