/**
 * Annotations that map Java records and enums to CQL rows, user-defined types, tuples and values;
 * read at compile time by cql-mapper-processor, which generates the codecs. This module has no
 * dependencies.
 *
 * <ul>
 *   <li>on records: {@link org.cql4j.mapper.Row}, {@link org.cql4j.mapper.UserType}, {@link
 *       org.cql4j.mapper.CqlTuple}, {@link org.cql4j.mapper.Transparent};
 *   <li>on record components: {@link org.cql4j.mapper.CqlName}, {@link org.cql4j.mapper.Skip},
 *       {@link org.cql4j.mapper.DefaultWhenNull}, {@link org.cql4j.mapper.AllowMissing}, {@link
 *       org.cql4j.mapper.Flatten}, {@link org.cql4j.mapper.CqlCodec};
 *   <li>on enum constants: {@link org.cql4j.mapper.CqlName}.
 * </ul>
 *
 * <p>See {@code docs/mapping.md} for the build setup and the catalogue of compile errors.
 */
package org.cql4j.mapper;
