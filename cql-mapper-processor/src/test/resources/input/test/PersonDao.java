package test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Dao;
import org.cql4j.mapper.Query;
import org.cql4j.mapper.StatementAttributes;
import org.cql4j.session.QueryPager;
import org.cql4j.session.QueryResult;

/** A DAO with every kind of binding and return type. */
// tag::dao[]
@Dao
public interface PersonDao {
  @Query("INSERT INTO people (id, name, age) VALUES (?, ?, ?)")
  void insert(UUID id, String name, int age);

  @Query("INSERT INTO people (id, name, age) VALUES (:id, :name, :age)")
  CompletableFuture<Void> save(Person person);

  @Query("INSERT INTO people (id, name, age) VALUES (:id, :name, :age) IF NOT EXISTS")
  boolean insertIfAbsent(UUID id, String name, @CqlName("age") int years);

  @Query("SELECT id, name, age FROM people WHERE id = ?")
  Person find(UUID id);

  @Query("SELECT id, name, age FROM people WHERE id = ?")
  CompletableFuture<Optional<Person>> findAsync(UUID id);

  @Query("SELECT name FROM people WHERE id = ?")
  Optional<String> nameOf(UUID id);

  @Query("SELECT id, name, age FROM people WHERE id IN ?")
  List<Person> findAll(List<UUID> ids);

  @Query("SELECT count(*) FROM people")
  long count();

  @Query("SELECT id, name, age FROM people")
  @StatementAttributes(consistency = "ONE", pageSize = 100, idempotent = true)
  QueryPager all();

  @Query("DELETE FROM people WHERE id = ?")
  @StatementAttributes(profile = "writes", timeoutMillis = 2000)
  CompletableFuture<QueryResult> delete(UUID id);

  /** Not a query: default methods are the interface's own. */
  default Person findOrCreate(UUID id, String name) {
    Person found = find(id);
    if (found == null) {
      insertIfAbsent(id, name, 0);
      found = find(id);
    }
    return found;
  }
}
// end::dao[]
