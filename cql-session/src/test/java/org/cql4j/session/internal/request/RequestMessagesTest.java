package org.cql4j.session.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.PagingState;
import org.cql4j.session.TimestampGenerator;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.junit.jupiter.api.Test;

class RequestMessagesTest {
  private static final ColumnSpec K = new ColumnSpec("ks1", "kv", "k", ColumnType.INT);

  private final RequestMessages messages = new RequestMessages(TimestampGenerator.SERVER_SIDE);
  private final ExecutionProfileHandle profile =
      ExecutionProfile.builder().consistency(Consistency.ONE).build().intoHandle();

  private static PreparedStatement prepared(String keyspace) {
    PreparedResult r =
        new PreparedResult(
            new byte[] {1},
            null,
            PreparedMetadata.of(List.of(0), List.of(K)),
            RowsMetadata.of(List.of(), null));
    return PreparedStatements.create("UPDATE kv SET v = 'x' WHERE k = ?", keyspace, r, false);
  }

  @Test
  void aQueryCarriesTheStatementsKeyspaceAndTime() {
    Statement s =
        new Statement("SELECT v FROM kv WHERE k = 1").setKeyspace("ks1").setNowInSeconds(1234);
    Query q = messages.query(s, EffectiveSettings.resolve(s, profile), 10, PagingState.start());
    assertThat(q.parameters().keyspace()).isEqualTo("ks1");
    assertThat(q.parameters().nowInSeconds()).isEqualTo(1234);
    assertThat(q.parameters().consistency()).isEqualTo(Consistency.ONE);
    assertThat(RequestMessages.keyspaceOf(q)).isEqualTo("ks1");
  }

  @Test
  void aQueryWithoutThemSendsNeither() {
    Statement s = new Statement("SELECT v FROM ks1.kv WHERE k = 1");
    Query q = messages.query(s, EffectiveSettings.resolve(s, profile), 10, null);
    assertThat(q.parameters().keyspace()).isNull();
    assertThat(q.parameters().nowInSeconds()).isEqualTo(QueryParameters.NO_NOW_IN_SECONDS);
    assertThat(RequestMessages.keyspaceOf(q)).isNull();
  }

  @Test
  void anExecuteCarriesTheTimeButNoKeyspace() {
    // native_protocol_v5.spec §4.1.5: the statement was bound to its keyspace when prepared
    PreparedStatement ps = prepared("ks1").setNowInSeconds(99);
    Execute e =
        messages.execute(
            ps, BoundValues.EMPTY, EffectiveSettings.resolve(ps, profile), 10, null, 0);
    assertThat(e.parameters().nowInSeconds()).isEqualTo(99);
    assertThat(e.parameters().keyspace()).isNull();
    assertThat(RequestMessages.keyspaceOf(e)).isNull();
  }

  @Test
  void aBatchCarriesItsKeyspaceAndTime() {
    org.cql4j.session.statement.Batch batch =
        new org.cql4j.session.statement.Batch(BatchType.UNLOGGED)
            .appendStatement("INSERT INTO kv (k, v) VALUES (1, 'a')")
            .setKeyspace("ks1")
            .setNowInSeconds(5);
    Batch b =
        messages.batch(
            BatchType.UNLOGGED,
            List.<Object>copyOf(batch.statements()),
            List.of(BoundValues.EMPTY),
            EffectiveSettings.resolve(batch, profile),
            batch.getKeyspace().orElse(null));
    assertThat(b.keyspace()).isEqualTo("ks1");
    assertThat(b.nowInSeconds()).isEqualTo(5);
    assertThat(RequestMessages.keyspaceOf(b)).isEqualTo("ks1");
  }

  @Test
  void atConsistencyChangesOnlyTheConsistency() {
    Statement s = new Statement("SELECT 1").setKeyspace("ks1").setNowInSeconds(7).setTimestamp(3);
    Query q = messages.query(s, EffectiveSettings.resolve(s, profile), 10, null);
    Query retried = (Query) RequestMessages.atConsistency(q, Consistency.TWO);
    assertThat(retried.parameters().consistency()).isEqualTo(Consistency.TWO);
    assertThat(retried.parameters().keyspace()).isEqualTo("ks1");
    assertThat(retried.parameters().nowInSeconds()).isEqualTo(7);
    assertThat(retried.parameters().defaultTimestamp()).isEqualTo(3);
    assertThat(retried.parameters().withConsistency(Consistency.ONE)).isEqualTo(q.parameters());

    PreparedStatement ps = prepared(null).setNowInSeconds(8);
    Execute e =
        messages.execute(
            ps, BoundValues.EMPTY, EffectiveSettings.resolve(ps, profile), 10, null, 3);
    Execute eRetried = (Execute) RequestMessages.atConsistency(e, Consistency.QUORUM);
    assertThat(eRetried.parameters().consistency()).isEqualTo(Consistency.QUORUM);
    assertThat(eRetried.parameters().nowInSeconds()).isEqualTo(8);
    assertThat(eRetried.tabletVersionBlock()).isEqualTo(3);

    org.cql4j.session.statement.Batch batch =
        new org.cql4j.session.statement.Batch(BatchType.LOGGED)
            .appendStatement("INSERT INTO kv (k, v) VALUES (1, 'a')")
            .setNowInSeconds(9);
    Batch b =
        messages.batch(
            BatchType.LOGGED,
            List.<Object>copyOf(batch.statements()),
            List.of(BoundValues.EMPTY),
            EffectiveSettings.resolve(batch, profile),
            "ks2");
    Batch bRetried = (Batch) RequestMessages.atConsistency(b, Consistency.ALL);
    assertThat(bRetried.consistency()).isEqualTo(Consistency.ALL);
    assertThat(bRetried.keyspace()).isEqualTo("ks2");
    assertThat(bRetried.nowInSeconds()).isEqualTo(9);
    assertThat(bRetried.statements()).isEqualTo(b.statements());

    Prepare prepare = new Prepare("SELECT 1", "ks1");
    assertThat(RequestMessages.atConsistency(prepare, Consistency.ALL)).isSameAs(prepare);
    assertThat(RequestMessages.keyspaceOf(prepare)).isEqualTo("ks1");
  }
}
