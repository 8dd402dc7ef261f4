package org.cql4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Dao;
import org.cql4j.mapper.Query;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.StatementAttributes;
import org.cql4j.session.QueryPager;
import org.cql4j.session.Session;

/** A data-access interface whose implementation cql-mapper-processor generates. */
public final class DaoExample {
  private DaoExample() {}

  // tag::dao[]
  /** A row of examples.products. */
  @Row
  public record Product(UUID id, String name, @CqlName("price_cents") long priceCents) {}

  /** The queries of examples.products; the processor writes ProductDao_CqlDao. */
  @Dao
  public interface ProductDao {
    /** Writes a product, bound by marker name from the record's components. */
    @Query(
        "INSERT INTO examples.products (id, name, price_cents) VALUES (:id, :name, :price_cents)")
    void save(Product product);

    /** Reads a product. */
    @Query("SELECT id, name, price_cents FROM examples.products WHERE id = ?")
    Optional<Product> find(UUID id);

    /** Reads a product's name without blocking. */
    @Query("SELECT name FROM examples.products WHERE id = ?")
    CompletableFuture<Optional<String>> nameOf(UUID id);

    /** Changes a price if it is still the one read: a lightweight transaction. */
    @Query("UPDATE examples.products SET price_cents = ? WHERE id = ? IF price_cents = ?")
    boolean reprice(long newPrice, UUID id, long oldPrice);

    /** Every product, fetched 100 rows at a time. */
    @Query("SELECT id, name, price_cents FROM examples.products")
    @StatementAttributes(pageSize = 100, idempotent = true)
    QueryPager all();
  }

  // end::dao[]

  /**
   * What the example read back.
   *
   * @param found the product read after saving it
   * @param name its name, read asynchronously
   * @param repriced whether the first conditional update applied
   * @param repricedAgain whether the second, with the old price, applied
   * @param all every product
   */
  public record Outcome(
      Optional<Product> found,
      Optional<String> name,
      boolean repriced,
      boolean repricedAgain,
      List<Product> all) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Saves a product and reads it back through the DAO.
   *
   * @param session the session
   * @return what was read
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.products (id uuid PRIMARY KEY, name text,"
            + " price_cents bigint)");
    session.queryUnpaged("TRUNCATE examples.products");

    // tag::use[]
    ProductDao products = session.dao(ProductDao.class); // statements prepared on first use
    UUID id = UUID.fromString("6f1c2a8e-0d3b-4c1e-9a57-2b9d4f0e8c11");
    products.save(new Product(id, "kettle", 2_999));
    Optional<Product> found = products.find(id);
    Optional<String> name = products.nameOf(id).join();
    boolean repriced = products.reprice(2_499, id, 2_999); // true
    boolean repricedAgain = products.reprice(1_999, id, 2_999); // false: the price is 2,499 now
    List<Product> all = new ArrayList<>();
    products.all().rows(Product.class).forEach(all::add);
    // end::use[]
    return new Outcome(found, name, repriced, repricedAgain, all);
  }
}
