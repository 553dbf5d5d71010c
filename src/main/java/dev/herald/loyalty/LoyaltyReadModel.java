package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the customer's {@code loyalty} ({@code points}, {@code referred_customers}, {@code
 * campaigns.<name>.{points, loyalty_tier, referred_customers}}) and {@code referrals} ({@code
 * total}, {@code campaigns[]}) read models. A change marks its customers; each is recomputed from
 * this module's tables once, just before the transaction commits, under a per-customer lock so two
 * transactions never leave an older view behind.
 */
@Component
class LoyaltyReadModel {

  private final CardRepository cards;
  private final ReferralRepository referrals;
  private final Campaigns campaigns;
  private final Customers customers;
  private final JdbcClient jdbc;

  LoyaltyReadModel(
      CardRepository cards,
      ReferralRepository referrals,
      Campaigns campaigns,
      Customers customers,
      JdbcClient jdbc) {
    this.cards = cards;
    this.referrals = referrals;
    this.campaigns = campaigns;
    this.customers = customers;
    this.jdbc = jdbc;
  }

  private record Key(ProjectId project, String customerId) {}

  /** Marks the customer's read models for recomputation before this transaction commits. */
  void touch(ProjectId project, String customerId) {
    if (customerId == null) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      refresh(project, customerId);
      return;
    }
    @SuppressWarnings("unchecked")
    Set<Key> pending = (Set<Key>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      Set<Key> keys = new LinkedHashSet<>();
      TransactionSynchronizationManager.bindResource(this, keys);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              keys.forEach(k -> refresh(k.project(), k.customerId()));
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(LoyaltyReadModel.this);
            }
          });
      pending = keys;
    }
    pending.add(new Key(project, customerId));
  }

  void refresh(ProjectId project, String customerId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .param("k", "loyalty-read-model:" + customerId)
        .query()
        .singleRow();
    Map<String, Optional<Campaign>> byId = new HashMap<>();
    ObjectNode perCampaign = Json.object();
    long points = 0;
    for (Card card : cards.ofHolder(project, customerId)) {
      Optional<Campaign> c =
          byId.computeIfAbsent(card.campaignId(), id -> campaigns.findOptional(project, id));
      if (c.isEmpty()) {
        continue;
      }
      points += card.balance();
      ObjectNode entry = entry(perCampaign, c.get().name());
      entry.put("points", entry.path("points").asLong(0) + card.balance());
      if (card.tierId() != null) {
        entry.put("loyalty_tier", card.tierId());
      }
    }
    long referred = 0;
    for (Map.Entry<String, Long> e : referrals.referredBy(project, customerId).entrySet()) {
      Optional<Campaign> c =
          byId.computeIfAbsent(e.getKey(), id -> campaigns.findOptional(project, id));
      referred += e.getValue();
      if (c.isPresent()) {
        entry(perCampaign, c.get().name()).put("referred_customers", e.getValue());
      }
    }
    ObjectNode loyalty = Json.object().put("points", points).put("referred_customers", referred);
    loyalty.set("campaigns", perCampaign);
    customers.setReadModel(project, customerId, "loyalty", loyalty);
    ArrayNode list = Json.array();
    for (ReferralRepository.Referral r : referrals.ofReferee(project, customerId)) {
      ObjectNode item = list.addObject();
      item.put("campaign_id", r.campaignId());
      item.put("referrer_id", r.referrerId());
      item.put("related_object_id", r.relatedObjectId());
      item.put("related_object_type", r.relatedObjectType());
      item.put("date", Times.format(r.createdAt()));
    }
    ObjectNode referralsModel = Json.object().put("total", list.size());
    referralsModel.set("campaigns", list);
    customers.setReadModel(project, customerId, "referrals", referralsModel);
  }

  private static ObjectNode entry(ObjectNode perCampaign, String name) {
    ObjectNode entry = (ObjectNode) perCampaign.get(name);
    if (entry == null) {
      entry = perCampaign.putObject(name);
      entry.put("points", 0);
      entry.putNull("loyalty_tier");
      entry.put("referred_customers", 0);
    }
    return entry;
  }
}
