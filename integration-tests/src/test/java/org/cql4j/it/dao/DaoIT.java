package org.cql4j.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Dao;
import org.cql4j.mapper.Query;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.StatementAttributes;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.QueryPager;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A generated DAO against a real node: every return type, sync and async, positional, named and
 * whole-row binding, statement attributes reaching the requests, one PREPARE per statement.
 */
@CassandraTest
class DaoIT {
  private static Session session;
  private static final List<RequestDescription> requests = new CopyOnWriteArrayList<>();

  @Row
  record Person(UUID id, String name, int age) {}

  @Dao
  interface PersonDao {
    @Query("INSERT INTO people (id, name, age) VALUES (?, ?, ?)")
    void insert(UUID id, String name, int age);

    @Query("INSERT INTO people (id, name, age) VALUES (:id, :name, :age)")
    CompletableFuture<Void> insertAsync(Person person);

    @Query("INSERT INTO people (id, name, age) VALUES (:id, :name, :age) IF NOT EXISTS")
    boolean insertIfAbsent(UUID id, String name, @CqlName("age") int years);

    @Query("UPDATE people SET name = :name WHERE id = :id IF age = :age")
    CompletableFuture<Boolean> renameIfAge(UUID id, String name, int age);

    @Query("SELECT id, name, age FROM people WHERE id = ?")
    Person find(UUID id);

    @Query("SELECT id, name, age FROM people WHERE id = ?")
    CompletableFuture<Person> findAsync(UUID id);

    @Query("SELECT name FROM people WHERE id = ?")
    Optional<String> nameOf(UUID id);

    @Query("SELECT id, name, age FROM people WHERE id = ?")
    CompletableFuture<Optional<Person>> maybeAsync(UUID id);

    @Query("SELECT id, name, age FROM people WHERE id IN ?")
    List<Person> findAll(List<UUID> ids);

    @Query("SELECT id, name, age FROM people WHERE id IN ?")
    CompletableFuture<List<Person>> findAllAsync(List<UUID> ids);

    @Query("SELECT count(*) FROM people")
    long count();

    @Query("SELECT id, name, age FROM people")
    @StatementAttributes(consistency = "ONE", pageSize = 2, idempotent = true)
    QueryPager all();

    @Query("SELECT id, name, age FROM people")
    @StatementAttributes(pageSize = 3)
    CompletableFuture<QueryPager> allAsync();

    @Query("DELETE FROM people WHERE id = ?")
    @StatementAttributes(profile = "writes")
    QueryResult delete(UUID id);

    @Query("DELETE FROM people WHERE id = ?")
    CompletableFuture<QueryResult> deleteAsync(UUID id);

    @Query("SELECT id, name, age FROM no_such_table WHERE id = ?")
    Optional<Person> fromAMissingTable(UUID id);
  }

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .executionProfile(
                "writes",
                ExecutionProfile.builder().consistency(Consistency.ALL).build().intoHandle())
            .requestListener(
                new RequestListener() {
                  @Override
                  public void onStart(RequestDescription request) {
                    requests.add(request);
                  }
                })
            .build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS dao_it"
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.useKeyspace("dao_it", false);
    session.queryUnpaged("DROP TABLE IF EXISTS people");
    session.queryUnpaged("CREATE TABLE people (id uuid PRIMARY KEY, name text, age int)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @BeforeEach
  void empty() {
    session.queryUnpaged("TRUNCATE people");
    requests.clear();
  }

  private static UUID id(int n) {
    return new UUID(0, n);
  }

  @Test
  void everyReturnTypeSyncAndAsync() throws Exception {
    PersonDao dao = session.dao(PersonDao.class);
    dao.insert(id(1), "ann", 30);
    dao.insertAsync(new Person(id(2), "bob", 40)).get();
    assertThat(dao.insertIfAbsent(id(3), "cy", 50)).isTrue();
    assertThat(dao.insertIfAbsent(id(3), "cy again", 51)).as("the LWT was not applied").isFalse();
    assertThat(dao.renameIfAge(id(3), "cyd", 49).get()).isFalse();
    assertThat(dao.renameIfAge(id(3), "cyd", 50).get()).isTrue();

    assertThat(dao.find(id(1))).isEqualTo(new Person(id(1), "ann", 30));
    assertThat(dao.find(id(9))).as("no row: null").isNull();
    assertThat(dao.findAsync(id(2)).get()).isEqualTo(new Person(id(2), "bob", 40));
    assertThat(dao.nameOf(id(3))).contains("cyd");
    assertThat(dao.nameOf(id(9))).isEmpty();
    assertThat(dao.maybeAsync(id(1)).get()).contains(new Person(id(1), "ann", 30));
    assertThat(dao.findAll(List.of(id(1), id(2), id(9))))
        .containsExactlyInAnyOrder(new Person(id(1), "ann", 30), new Person(id(2), "bob", 40));
    assertThat(dao.findAllAsync(List.of(id(3))).get())
        .containsExactly(new Person(id(3), "cyd", 50));
    assertThat(dao.count()).isEqualTo(3);

    List<Person> everyone = new ArrayList<>();
    dao.all().rows(Person.class).forEach(everyone::add);
    assertThat(everyone).hasSize(3);
    List<Person> again = new ArrayList<>();
    dao.allAsync().get().rows(Person.class).forEach(again::add);
    assertThat(again).containsExactlyInAnyOrderElementsOf(everyone);

    assertThat(dao.delete(id(1)).isRows()).isFalse();
    assertThat(dao.deleteAsync(id(2)).get().isRows()).isFalse();
    assertThat(dao.count()).isEqualTo(1);
  }

  @Test
  void statementAttributesReachTheRequests() {
    PersonDao dao = session.dao(PersonDao.class);
    for (int i = 0; i < 5; i++) {
      dao.insert(id(i), "p" + i, i);
    }
    requests.clear();
    dao.all().rows(Person.class).forEach(p -> {});
    assertThat(requests.stream().filter(r -> r.kind().equals("EXECUTE")))
        .as("5 rows in pages of 2")
        .hasSize(3);
    requests.removeIf(r -> !r.kind().equals("EXECUTE"));
    assertThat(requests).allSatisfy(r -> assertThat(r.consistency()).isEqualTo(Consistency.ONE));
    requests.clear();
    dao.delete(id(0));
    requests.removeIf(r -> !r.kind().equals("EXECUTE"));
    assertThat(requests)
        .singleElement()
        .satisfies(r -> assertThat(r.consistency()).isEqualTo(Consistency.ALL));
  }

  @Test
  void eachStatementIsPreparedOnceAndAFailedPreparationIsTriedAgain() {
    PersonDao dao = session.dao(PersonDao.class);
    dao.insert(id(1), "ann", 30);
    dao.insert(id(2), "bob", 40);
    dao.find(id(1));
    dao.find(id(2));
    assertThat(requests.stream().filter(r -> r.kind().equals("PREPARE")).count())
        .as("two statements used, two PREPAREs")
        .isEqualTo(2);

    assertThatThrownBy(() -> dao.fromAMissingTable(id(1))).isInstanceOf(DbException.class);
    session.queryUnpaged("CREATE TABLE no_such_table (id uuid PRIMARY KEY, name text, age int)");
    try {
      assertThat(dao.fromAMissingTable(id(1))).as("prepared again once the table exists").isEmpty();
    } finally {
      session.queryUnpaged("DROP TABLE no_such_table");
    }
  }

  @Test
  void aDaoNamingAProfileTheSessionLacksFailsWhenCreated(TestCluster cassandra) {
    try (Session plain = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      assertThatThrownBy(() -> plain.dao(PersonDao.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PersonDao.delete runs with the execution profile 'writes'");
    }
  }

  interface NotADao {}

  @Test
  void anInterfaceWithoutAGeneratedDaoIsRefusedWithAHint() {
    assertThatThrownBy(() -> session.dao(NotADao.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("annotate the interface @Dao");
  }
}
