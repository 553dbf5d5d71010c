package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

@Repository
class PublicationRepository {

  /** A stored publication. */
  record Publication(
      String id,
      ProjectId projectId,
      String campaignId,
      String customerId,
      String trackingId,
      String sourceId,
      String channel,
      ObjectNode metadata,
      List<String> voucherIds,
      List<String> codes,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  PublicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Publication p, String idempotencyKey, boolean joinOnce) {
    jdbc.sql(
            """
            insert into publication (id, project_id, campaign_id, customer_id, tracking_id,
              source_id, idempotency_key, channel, metadata, voucher_ids, codes, join_once,
              created_at)
            values (:id, :p, :c, :customer, :tracking, :source, :key, :channel,
              cast(:metadata as jsonb), cast(:ids as text[]), cast(:codes as text[]), :joinOnce, :at)
            """)
        .param("id", p.id())
        .param("p", p.projectId().value())
        .param("c", p.campaignId())
        .param("customer", p.customerId())
        .param("tracking", p.trackingId())
        .param("source", p.sourceId())
        .param("key", idempotencyKey)
        .param("channel", p.channel())
        .param("metadata", Json.write(p.metadata()))
        .param("ids", VoucherRepository.pgArray(p.voucherIds()))
        .param("codes", VoucherRepository.pgArray(p.codes()))
        .param("joinOnce", joinOnce)
        .param("at", Sql.ts(p.createdAt()))
        .update();
  }

  /** Serializes publications that share a key (join-once member, source_id, idempotency key). */
  void lock(String key) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .param("k", key)
        .query()
        .singleRow();
  }

  Optional<Publication> bySourceId(ProjectId project, String sourceId) {
    return one("project_id = :p and source_id = :k", project, sourceId);
  }

  Optional<Publication> byIdempotencyKey(ProjectId project, String key) {
    return one("project_id = :p and idempotency_key = :k", project, key);
  }

  Optional<Publication> memberOf(ProjectId project, String campaignId, String customerId) {
    return jdbc.sql(
            "select * from publication where project_id = :p and campaign_id = :c"
                + " and customer_id = :customer order by created_at limit 1")
        .param("p", project.value())
        .param("c", campaignId)
        .param("customer", customerId)
        .query(PublicationRepository::map)
        .optional();
  }

  private Optional<Publication> one(String where, ProjectId project, String key) {
    return jdbc.sql("select * from publication where " + where)
        .param("p", project.value())
        .param("k", key)
        .query(PublicationRepository::map)
        .optional();
  }

  List<Publication> list(
      ProjectId project,
      String campaignId,
      String customerId,
      String code,
      String sourceId,
      boolean ascending,
      int limit,
      int offset) {
    return jdbc.sql(
            """
            select * from publication where project_id = :p
              and (cast(:c as text) is null or campaign_id = :c)
              and (cast(:customer as text) is null or customer_id = :customer)
              and (cast(:code as text) is null or :code = any(codes))
              and (cast(:source as text) is null or source_id = :source)
            order by created_at """
                + (ascending ? " asc" : " desc")
                + ", id limit :limit offset :offset")
        .param("p", project.value())
        .param("c", campaignId)
        .param("customer", customerId)
        .param("code", code)
        .param("source", sourceId)
        .param("limit", limit)
        .param("offset", offset)
        .query(PublicationRepository::map)
        .list();
  }

  long count(
      ProjectId project, String campaignId, String customerId, String code, String sourceId) {
    return jdbc.sql(
            """
            select count(*) from publication where project_id = :p
              and (cast(:c as text) is null or campaign_id = :c)
              and (cast(:customer as text) is null or customer_id = :customer)
              and (cast(:code as text) is null or :code = any(codes))
              and (cast(:source as text) is null or source_id = :source)
            """)
        .param("p", project.value())
        .param("c", campaignId)
        .param("customer", customerId)
        .param("code", code)
        .param("source", sourceId)
        .query(Long.class)
        .single();
  }

  private static Publication map(ResultSet rs, int i) throws SQLException {
    return new Publication(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("campaign_id"),
        rs.getString("customer_id"),
        rs.getString("tracking_id"),
        rs.getString("source_id"),
        rs.getString("channel"),
        (ObjectNode) Json.parse(rs.getString("metadata")),
        Arrays.asList((String[]) rs.getArray("voucher_ids").getArray()),
        Arrays.asList((String[]) rs.getArray("codes").getArray()),
        Sql.instant(rs, "created_at"));
  }
}
