package dev.herald.campaigns.web;

import dev.herald.campaigns.Redemptions;
import dev.herald.campaigns.Rollbacks;
import dev.herald.campaigns.Validations;
import dev.herald.campaigns.Vouchers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.Page;
import dev.herald.shared.web.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voucherify's {@code /v1/vouchers} (reference §2.6) and its legacy validate/redeem calls. */
@RestController
class VouchersController {

  private final Vouchers vouchers;
  private final Redemptions redemptions;
  private final Rollbacks history;
  private final Validations validations;

  VouchersController(
      Vouchers vouchers, Redemptions redemptions, Rollbacks history, Validations validations) {
    this.vouchers = vouchers;
    this.redemptions = redemptions;
    this.history = history;
    this.validations = validations;
  }

  @PostMapping({"/v1/vouchers", "/v1/vouchers/"})
  ObjectNode generate(ProjectId project, @RequestBody JsonNode body) {
    return vouchers.create(project, null, Body.of(body, "invalid_voucher"));
  }

  @PostMapping("/v1/vouchers/{code}")
  ObjectNode create(ProjectId project, @PathVariable String code, @RequestBody JsonNode body) {
    return vouchers.create(project, code, Body.of(body, "invalid_voucher"));
  }

  @GetMapping("/v1/vouchers/{code}")
  ObjectNode get(ProjectId project, @PathVariable String code) {
    return vouchers.get(project, code);
  }

  @PutMapping("/v1/vouchers/{code}")
  ObjectNode update(ProjectId project, @PathVariable String code, @RequestBody JsonNode body) {
    return vouchers.update(project, code, Body.of(body, "invalid_voucher"));
  }

  @DeleteMapping("/v1/vouchers/{code}")
  ResponseEntity<Void> delete(ProjectId project, @PathVariable String code) {
    vouchers.delete(project, code);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/v1/vouchers")
  Map<String, Object> list(ProjectId project, HttpServletRequest request) {
    QueryParams q = QueryParams.of(request);
    String order = q.string("order").orElse("-created_at");
    if (!List.of("created_at", "-created_at").contains(order)) {
      throw QueryParams.invalid("order", "must be created_at or -created_at");
    }
    return vouchers.list(
        project,
        q.string("campaign").or(() -> q.string("campaign_id")).orElse(null),
        q.string("customer").orElse(null),
        q.string("category").orElse(null),
        new Instant[] {
          q.instant("created_at", "before").orElse(null),
          q.instant("created_at", "after").orElse(null)
        },
        new Instant[] {
          q.instant("updated_at", "before").orElse(null),
          q.instant("updated_at", "after").orElse(null)
        },
        order.equals("created_at"),
        Page.from(q));
  }

  @PostMapping("/v1/vouchers/{code}/enable")
  ObjectNode enable(ProjectId project, @PathVariable String code) {
    return vouchers.setActive(project, code, true);
  }

  @PostMapping("/v1/vouchers/{code}/disable")
  ObjectNode disable(ProjectId project, @PathVariable String code) {
    return vouchers.setActive(project, code, false);
  }

  @PostMapping("/v1/vouchers/{code}/balance")
  ObjectNode balance(ProjectId project, @PathVariable String code, @RequestBody JsonNode body) {
    return vouchers.balance(project, code, Body.of(body, "invalid_add_balance_params"));
  }

  @GetMapping("/v1/vouchers/{code}/transactions")
  Map<String, Object> transactions(
      ProjectId project, @PathVariable String code, HttpServletRequest request) {
    return vouchers.transactions(
        project, code, QueryParams.of(request).integer("limit", 1, 100).orElse(10));
  }

  @PostMapping("/v1/vouchers/{code}/validate")
  ObjectNode validate(
      ProjectId project, @PathVariable String code, @RequestBody(required = false) JsonNode body) {
    return validations.validateVoucher(project, code, Body.ofNullable(body, "invalid_payload"));
  }

  @PostMapping("/v1/vouchers/{code}/redemption")
  ObjectNode redeem(
      ProjectId project,
      @PathVariable String code,
      @RequestBody(required = false) JsonNode body,
      @RequestHeader(value = "X-Voucherify-Channel", required = false) String channel) {
    return redemptions.redeemOne(
        project, "voucher", code, Body.ofNullable(body, "invalid_payload"), channel);
  }

  @GetMapping("/v1/vouchers/{code}/redemption")
  ObjectNode redemptionsOf(ProjectId project, @PathVariable String code) {
    return history.ofVoucher(project, code);
  }
}
