package dev.herald.campaigns.web;

import dev.herald.campaigns.Publications;
import dev.herald.campaigns.Redemptions;
import dev.herald.campaigns.Rollbacks;
import dev.herald.campaigns.Validations;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Voucherify's {@code /v1/publications}, {@code /v1/validations}, {@code /v1/redemptions} and the
 * promotion tier redemption (reference §2.7–§2.9).
 */
@RestController
class RedemptionsController {

  private final Publications publications;
  private final Redemptions redemptions;
  private final Rollbacks rollbacks;
  private final Validations validations;

  RedemptionsController(
      Publications publications,
      Redemptions redemptions,
      Rollbacks rollbacks,
      Validations validations) {
    this.publications = publications;
    this.redemptions = redemptions;
    this.rollbacks = rollbacks;
    this.validations = validations;
  }

  @PostMapping("/v1/publications")
  ObjectNode publish(
      ProjectId project,
      @RequestBody JsonNode body,
      HttpServletRequest request,
      @RequestHeader(value = "X-Voucherify-Channel", required = false) String channel) {
    Boolean joinOnce = QueryParams.of(request).bool("join_once").orElse(null);
    return publications.publishFromApi(
        project, Body.of(body, "invalid_publish_params"), joinOnce, null);
  }

  /**
   * The GET variant: {@code campaign, customer, voucher, source_id, metadata, join_once} in the
   * query.
   */
  @GetMapping("/v1/publications/create")
  ObjectNode publishByGet(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    ObjectNode body = Json.object();
    q.string("campaign").ifPresent(c -> body.put("campaign", c));
    q.string("voucher").ifPresent(v -> body.put("voucher", v));
    q.string("source_id").ifPresent(s -> body.put("source_id", s));
    q.string("customer").ifPresent(c -> body.put("customer", c));
    q.map("customer").ifPresent(m -> body.set("customer", Json.object().setAll(toObject(m))));
    q.map("metadata").ifPresent(m -> body.set("metadata", toObject(m)));
    if (!body.has("customer")) {
      body.set("customer", Json.object());
    }
    return publications.publishFromApi(
        project, Body.of(body, "invalid_publish_params"), q.bool("join_once").orElse(null), null);
  }

  private static ObjectNode toObject(Map<String, Object> m) {
    ObjectNode out = Json.object();
    m.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  @GetMapping("/v1/publications")
  Map<String, Object> listPublications(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    String order = q.string("order").orElse("-created_at");
    if (!List.of("created_at", "-created_at").contains(order)) {
      throw QueryParams.invalid("order", "must be created_at or -created_at");
    }
    return publications.list(
        project,
        q.string("campaign").orElse(null),
        q.string("customer").orElse(null),
        q.string("voucher").orElse(null),
        q.string("source_id").orElse(null),
        order.equals("created_at"),
        Page.from(q));
  }

  @PostMapping("/v1/validations")
  ObjectNode validate(ProjectId project, @RequestBody JsonNode body) {
    return validations.validateStackable(project, Body.of(body, "invalid_payload"));
  }

  @PostMapping("/v1/redemptions")
  ObjectNode redeem(
      ProjectId project,
      @RequestBody JsonNode body,
      @RequestHeader(value = "X-Voucherify-Channel", required = false) String channel) {
    return redemptions.redeemStackable(project, Body.of(body, "invalid_payload"), channel);
  }

  @PostMapping("/v1/promotions/tiers/{id}/redemption")
  ObjectNode redeemTier(
      ProjectId project,
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(value = "X-Voucherify-Channel", required = false) String channel) {
    return redemptions.redeemOne(
        project, "promotion_tier", id, Body.ofNullable(body, "invalid_payload"), channel);
  }

  @GetMapping("/v1/redemptions/{id}")
  ObjectNode get(ProjectId project, @PathVariable String id) {
    return rollbacks.get(project, id);
  }

  @GetMapping("/v1/redemptions")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    return rollbacks.list(
        project,
        q.string("result").map(String::toUpperCase).orElse(null),
        q.string("campaign").orElse(null),
        q.string("customer").orElse(null),
        q.instant("created_at", "after").orElse(null),
        q.instant("created_at", "before").orElse(null),
        Page.from(q));
  }

  @PostMapping({"/v1/redemptions/{id}/rollback", "/v1/redemptions/{id}/rollbacks"})
  ObjectNode rollback(
      ProjectId project,
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    Body b = Body.ofNullable(body, "invalid_rollback_params");
    String reason = q.string("reason").or(() -> b.string("reason")).orElse(null);
    String trackingId = q.string("tracking_id").or(() -> b.string("tracking_id")).orElse(null);
    return rollbacks.rollback(
        project, id, reason, trackingId, request.getRequestURI().endsWith("/rollbacks"));
  }
}
