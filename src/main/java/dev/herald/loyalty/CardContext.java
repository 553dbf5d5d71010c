package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Voucher;
import dev.herald.customers.Customer;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loyalty card with what events about it carry: its program, its holder and their JSON (built
 * once per change). The voucher JSON is built on each call, so it shows the points as they are.
 */
final class CardContext {

  final ProjectId project;
  final Voucher voucher;
  final Campaign program;
  final Customer holder;
  final ZoneId zone;
  private final CardContexts owner;
  private ObjectNode campaignJson;
  private ObjectNode customerJson;

  CardContext(
      ProjectId project,
      Voucher voucher,
      Campaign program,
      Customer holder,
      ZoneId zone,
      CardContexts owner) {
    this.project = project;
    this.voucher = voucher;
    this.program = program;
    this.holder = holder;
    this.zone = zone;
    this.owner = owner;
  }

  String holderId() {
    return holder == null ? null : holder.id();
  }

  ObjectNode campaignJson() {
    if (campaignJson == null) {
      campaignJson = owner.campaigns().toJson(program);
    }
    return campaignJson;
  }

  JsonNode customerJson() {
    if (holder == null) {
      return Json.nullNode();
    }
    if (customerJson == null) {
      customerJson = owner.customers().toJson(holder);
    }
    return customerJson;
  }

  JsonNode holderJson() {
    return holder == null ? Json.nullNode() : owner.customers().toBriefJson(holder);
  }

  ObjectNode voucherJson() {
    return owner.vouchers().toJson(voucher);
  }

  /** The card template's {@code loyalty_card} (initial points, expiration rules). */
  JsonNode template() {
    return program.voucher() == null ? Json.object() : program.voucher().path("loyalty_card");
  }
}
