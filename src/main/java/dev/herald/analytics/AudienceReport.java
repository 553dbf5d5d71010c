package dev.herald.analytics;

import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.distributions.Distribution;
import dev.herald.distributions.DistributionReads;
import dev.herald.messaging.AudienceQuery;
import dev.herald.messaging.Channel;
import dev.herald.messaging.Messaging;
import dev.herald.messaging.Recipient;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.ListResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distribution's recipients, a page at a time: each customer it messaged, with each channel's
 * latest message (status, attempts, recovered, reason, times) and how many messages that channel
 * sent them. Paged by customer id ({@code starting_after}, or {@code page}); no totals are counted.
 */
@Component
class AudienceReport {

  private final DistributionReads distributions;
  private final Messaging messaging;
  private final Customers customers;

  AudienceReport(DistributionReads distributions, Messaging messaging, Customers customers) {
    this.distributions = distributions;
    this.messaging = messaging;
    this.customers = customers;
  }

  Map<String, Object> page(ProjectId project, String distributionId, AudienceQuery query) {
    Distribution d = distributions.get(project, distributionId);
    List<Recipient> fetched =
        messaging.audience(
            project,
            d.id(),
            new AudienceQuery(
                query.channelType(),
                query.status(),
                query.customerId(),
                query.startingAfter(),
                query.skip(),
                query.limit() + 1));
    boolean hasMore = fetched.size() > query.limit();
    List<Recipient> shown = hasMore ? fetched.subList(0, query.limit()) : fetched;
    Map<String, Customer> byId = new HashMap<>();
    customers
        .getAll(project, shown.stream().map(Recipient::customerId).toList())
        .forEach(c -> byId.put(c.id(), c));
    Map<String, Integer> position = new HashMap<>();
    List<Channel> channels = messaging.channels(project, d.id());
    for (int i = 0; i < channels.size(); i++) {
      position.put(channels.get(i).id(), i);
    }
    List<ObjectNode> items = new ArrayList<>();
    for (Recipient r : shown) {
      items.add(recipient(d, r, byId.get(r.customerId()), position));
    }
    Map<String, Object> out = ListResponse.of("recipients", items, null, hasMore);
    out.put("more_starting_after", hasMore ? shown.get(shown.size() - 1).customerId() : null);
    return out;
  }

  private ObjectNode recipient(
      Distribution d, Recipient r, Customer customer, Map<String, Integer> position) {
    ObjectNode out = Json.object();
    out.put("object", "distribution_recipient");
    out.put("distribution_id", d.id());
    out.put("customer_id", r.customerId());
    if (customer == null) {
      out.set("customer", Json.object().put("id", r.customerId()).put("object", "customer"));
    } else {
      out.set("customer", customers.toBriefJson(customer));
    }
    out.put("messages", r.messages());
    out.put("first_message_at", Times.format(r.firstMessageAt()));
    out.put("last_message_at", Times.format(r.lastMessageAt()));
    ArrayNode channels = Json.array();
    r.channels().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (Recipient.ChannelState c) ->
                        position.getOrDefault(c.channelId(), Integer.MAX_VALUE))
                .thenComparing(Recipient.ChannelState::channelId))
        .forEach(c -> channels.add(channel(c)));
    out.set("channels", channels);
    return out;
  }

  private static ObjectNode channel(Recipient.ChannelState c) {
    ObjectNode out = Json.object();
    out.put("channel_id", c.channelId());
    out.put("type", c.channelType());
    out.put("message_id", c.messageId());
    out.put("status", c.status().name());
    out.put("attempts", c.attempts());
    out.put("recovered", c.recovered());
    out.put("reason", c.reason());
    out.put("last_error", c.lastError());
    out.put("created_at", Times.format(c.createdAt()));
    out.put("delivered_at", Times.format(c.deliveredAt()));
    out.put("messages", c.messages());
    out.put("voucher_code", c.voucherCode());
    return out;
  }
}
