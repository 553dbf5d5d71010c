package dev.herald.rules;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import dev.herald.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class RuleRepository {

  /** A stored rule. */
  record Rule(
      String id,
      ProjectId projectId,
      String name,
      JsonNode rules,
      JsonNode error,
      JsonNode applicableTo,
      JsonNode bundleRules,
      String type,
      String contextType,
      Instant createdAt,
      Instant updatedAt) {}

  /** A stored assignment. */
  record Assignment(
      String id, String ruleId, String relatedObjectType, String relatedObjectId, Instant at) {}

  private final JdbcClient jdbc;

  RuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Rule r) {
    jdbc.sql(
            """
            insert into validation_rule (id, project_id, name, rules, error, applicable_to,
              bundle_rules, type, context_type, created_at)
            values (:id, :project, :name, cast(:rules as jsonb), cast(:error as jsonb),
              cast(:applicable as jsonb), cast(:bundle as jsonb), :type, :context, :at)
            """)
        .param("id", r.id())
        .param("project", r.projectId().value())
        .param("name", r.name())
        .param("rules", Json.write(r.rules()))
        .param("error", Json.write(r.error()))
        .param("applicable", Json.write(r.applicableTo()))
        .param("bundle", Json.write(r.bundleRules()))
        .param("type", r.type())
        .param("context", r.contextType())
        .param("at", Sql.ts(r.createdAt()))
        .update();
  }

  void update(Rule r) {
    jdbc.sql(
            """
            update validation_rule set name = :name, rules = cast(:rules as jsonb),
              error = cast(:error as jsonb), applicable_to = cast(:applicable as jsonb),
              bundle_rules = cast(:bundle as jsonb), type = :type, context_type = :context,
              updated_at = :at
            where id = :id and project_id = :project
            """)
        .param("id", r.id())
        .param("project", r.projectId().value())
        .param("name", r.name())
        .param("rules", Json.write(r.rules()))
        .param("error", Json.write(r.error()))
        .param("applicable", Json.write(r.applicableTo()))
        .param("bundle", Json.write(r.bundleRules()))
        .param("type", r.type())
        .param("context", r.contextType())
        .param("at", Sql.ts(r.updatedAt()))
        .update();
  }

  void delete(ProjectId project, String id, Instant at) {
    jdbc.sql("update validation_rule set deleted_at = :at where id = :id and project_id = :p")
        .param("at", Sql.ts(at))
        .param("id", id)
        .param("p", project.value())
        .update();
    jdbc.sql("delete from validation_rule_assignment where rule_id = :id and project_id = :p")
        .param("id", id)
        .param("p", project.value())
        .update();
  }

  Optional<Rule> byId(ProjectId project, String id) {
    return jdbc.sql(
            "select * from validation_rule where id = :id and project_id = :p and deleted_at is null")
        .param("id", id)
        .param("p", project.value())
        .query(RuleRepository::map)
        .optional();
  }

  List<Rule> list(ProjectId project, int limit, int offset) {
    return jdbc.sql(
            """
            select * from validation_rule where project_id = :p and deleted_at is null
            order by created_at desc, id desc limit :limit offset :offset
            """)
        .param("p", project.value())
        .param("limit", limit)
        .param("offset", offset)
        .query(RuleRepository::map)
        .list();
  }

  long count(ProjectId project) {
    return jdbc.sql(
            "select count(*) from validation_rule where project_id = :p and deleted_at is null")
        .param("p", project.value())
        .query(Long.class)
        .single();
  }

  /** Inserts unless the same assignment exists; returns the stored one either way. */
  Assignment assign(ProjectId project, Assignment a) {
    jdbc.sql(
            """
            insert into validation_rule_assignment (id, project_id, rule_id, related_object_type,
              related_object_id, created_at)
            values (:id, :p, :rule, :type, :object, :at)
            on conflict (rule_id, related_object_type, related_object_id) do nothing
            """)
        .param("id", a.id())
        .param("p", project.value())
        .param("rule", a.ruleId())
        .param("type", a.relatedObjectType())
        .param("object", a.relatedObjectId())
        .param("at", Sql.ts(a.at()))
        .update();
    return jdbc.sql(
            """
            select * from validation_rule_assignment
            where rule_id = :rule and related_object_type = :type and related_object_id = :object
            """)
        .param("rule", a.ruleId())
        .param("type", a.relatedObjectType())
        .param("object", a.relatedObjectId())
        .query(RuleRepository::mapAssignment)
        .single();
  }

  boolean unassign(ProjectId project, String ruleId, String assignmentId) {
    return jdbc.sql(
                "delete from validation_rule_assignment where id = :id and rule_id = :rule"
                    + " and project_id = :p")
            .param("id", assignmentId)
            .param("rule", ruleId)
            .param("p", project.value())
            .update()
        > 0;
  }

  void unassignObject(ProjectId project, String relatedObjectId) {
    jdbc.sql(
            "delete from validation_rule_assignment where project_id = :p"
                + " and related_object_id = :object")
        .param("p", project.value())
        .param("object", relatedObjectId)
        .update();
  }

  /** Assignments filtered by rule and/or object; either may be null. */
  List<Assignment> assignments(ProjectId project, String ruleId, String relatedObjectId) {
    return jdbc.sql(
            """
            select a.* from validation_rule_assignment a
            where a.project_id = :p
              and (cast(:rule as text) is null or a.rule_id = :rule)
              and (cast(:object as text) is null or a.related_object_id = :object)
            order by a.created_at, a.id
            """)
        .param("p", project.value())
        .param("rule", ruleId)
        .param("object", relatedObjectId)
        .query(RuleRepository::mapAssignment)
        .list();
  }

  /** The assignments of any of these objects, in assignment order. */
  List<Assignment> assignmentsOf(ProjectId project, java.util.Collection<String> objectIds) {
    return jdbc.sql(
            """
            select a.* from validation_rule_assignment a
            where a.project_id = :p and a.related_object_id = any(:objects)
            order by a.created_at, a.id
            """)
        .param("p", project.value())
        .param("objects", Sql.textArray(objectIds))
        .query(RuleRepository::mapAssignment)
        .list();
  }

  long assignmentCount(String ruleId) {
    return jdbc.sql("select count(*) from validation_rule_assignment where rule_id = :rule")
        .param("rule", ruleId)
        .query(Long.class)
        .single();
  }

  private static Rule map(ResultSet rs, int i) throws SQLException {
    return new Rule(
        rs.getString("id"),
        new ProjectId(rs.getString("project_id")),
        rs.getString("name"),
        Json.parse(rs.getString("rules")),
        Json.parse(rs.getString("error")),
        Json.parse(rs.getString("applicable_to")),
        Json.parse(rs.getString("bundle_rules")),
        rs.getString("type"),
        rs.getString("context_type"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static Assignment mapAssignment(ResultSet rs, int i) throws SQLException {
    return new Assignment(
        rs.getString("id"),
        rs.getString("rule_id"),
        rs.getString("related_object_type"),
        rs.getString("related_object_id"),
        Sql.instant(rs, "created_at"));
  }
}
