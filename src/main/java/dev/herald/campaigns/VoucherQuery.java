package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.db.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Filters of {@code GET /v1/vouchers}; null fields do not filter. */
record VoucherQuery(
    String campaignId,
    String customerId,
    String category,
    Instant createdBefore,
    Instant createdAfter,
    Instant updatedBefore,
    Instant updatedAfter,
    Boolean referral,
    boolean ascending,
    boolean heldOnly) {

  String where() {
    StringBuilder w = new StringBuilder("project_id = :p and deleted_at is null");
    if (campaignId != null) {
      w.append(" and campaign_id = :campaign");
    }
    if (customerId != null) {
      w.append(
          " and id in (select voucher_id from voucher_holding where project_id = :p"
              + " and holder_id = :customer)");
    }
    if (category != null) {
      w.append(" and category = :category");
    }
    if (createdBefore != null) {
      w.append(" and created_at < :cb");
    }
    if (createdAfter != null) {
      w.append(" and created_at > :ca");
    }
    if (updatedBefore != null) {
      w.append(" and updated_at < :ub");
    }
    if (updatedAfter != null) {
      w.append(" and updated_at > :ua");
    }
    if (referral != null) {
      w.append(" and is_referral_code = :referral");
    }
    if (heldOnly) {
      w.append(" and holder_id is not null");
    }
    return w.toString();
  }

  Map<String, Object> params(ProjectId project) {
    Map<String, Object> m = new HashMap<>();
    m.put("p", project.value());
    m.put("campaign", campaignId);
    m.put("customer", customerId);
    m.put("category", category);
    m.put("cb", Sql.ts(createdBefore));
    m.put("ca", Sql.ts(createdAfter));
    m.put("ub", Sql.ts(updatedBefore));
    m.put("ua", Sql.ts(updatedAfter));
    m.put("referral", referral);
    return m;
  }
}
