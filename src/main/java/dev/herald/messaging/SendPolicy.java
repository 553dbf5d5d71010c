package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.projects.ProjectId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The one place that decides, before every send, whether a claimed message goes out now:
 *
 * <ol>
 *   <li>its channel still exists ({@code channel_removed}) and is not paused (then it is {@code
 *       HELD});
 *   <li>its recipient: exists ({@code customer_not_found}); for email and SMS has not unsubscribed
 *       ({@code unsubscribed} — an unsubscribed customer never gets a marketing message); has the
 *       address the channel needs ({@code no_email}, {@code no_phone}, {@code no_source_id});
 *   <li>an email's project has its brand name and postal address ({@code brand_incomplete});
 *   <li>the channel's rate limit, shared by every node (over it: deferred, not skipped);
 *   <li>the project's message limits per day and per month, counted once per message on its first
 *       send ({@code message_limit}).
 * </ol>
 *
 * Every skip is recorded on the message with its reason.
 */
@Component
class SendPolicy {

  /** What a send needs from the recipient. */
  private record Needs(boolean consent, Function<Customer, String> address, String missing) {}

  private static final Map<String, Needs> NEEDS =
      Map.of(
          "email", new Needs(true, Customer::email, "no_email"),
          "sms", new Needs(true, Customer::phone, "no_phone"),
          "mailchimp", new Needs(false, Customer::email, "no_email"),
          "braze", new Needs(false, Customer::sourceId, "no_source_id"));

  sealed interface Decision {}

  record Send() implements Decision {}

  record Skip(String reason) implements Decision {}

  record Hold() implements Decision {}

  record Defer(Instant until) implements Decision {}

  static final Send SEND = new Send();

  /** The decision on each message, and which sends were counted toward the limits just now. */
  record Decisions(Map<String, Decision> byMessage, java.util.Set<String> counted) {}

  private final CounterRepository counters;
  private final MessageRepository messages;
  private final TransactionTemplate tx;
  private final Clock clock;

  SendPolicy(
      CounterRepository counters, MessageRepository messages, TransactionTemplate tx, Clock clock) {
    this.counters = counters;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
  }

  Decisions decide(List<Prepared> batch) {
    Instant now = clock.instant();
    Map<String, Decision> out = new LinkedHashMap<>();
    List<Prepared> passing = new ArrayList<>();
    for (Prepared p : batch) {
      Decision d = recipient(p);
      out.put(p.message().id(), d);
      if (d == SEND) {
        passing.add(p);
      }
    }
    List<Prepared> granted = rateLimit(passing, now, out);
    return new Decisions(out, limits(granted, now, out));
  }

  /** Channel, consent, address and brand checks of one message. */
  static Decision recipient(Prepared p) {
    if (p.channel() == null) {
      return new Skip("channel_removed");
    }
    if (p.channel().paused()) {
      return new Hold();
    }
    if (p.adapter() == null) {
      return new Skip("channel_not_applicable");
    }
    Needs needs = NEEDS.get(p.channel().type());
    if (needs == null) {
      return SEND;
    }
    Customer c = p.customer();
    if (c == null) {
      return new Skip("customer_not_found");
    }
    if (needs.consent() && c.unsubscribed()) {
      return new Skip("unsubscribed");
    }
    String address = needs.address().apply(c);
    if (address == null || address.isBlank()) {
      return new Skip(needs.missing());
    }
    if (p.channel().type().equals("email") && !p.project().brandComplete()) {
      return new Skip("brand_incomplete");
    }
    return SEND;
  }

  /** Channels with a {@code rate_limit}: the messages over it wait their turn. */
  private List<Prepared> rateLimit(List<Prepared> passing, Instant now, Map<String, Decision> out) {
    Map<String, List<Prepared>> byChannel = new LinkedHashMap<>();
    List<Prepared> granted = new ArrayList<>();
    for (Prepared p : passing) {
      if (p.channel().config().hasNonNull("rate_limit")) {
        byChannel.computeIfAbsent(p.channel().id(), k -> new ArrayList<>()).add(p);
      } else {
        granted.add(p);
      }
    }
    for (List<Prepared> group : byChannel.values()) {
      double rate = group.get(0).channel().config().get("rate_limit").asDouble();
      long ok =
          tx.execute(
              s ->
                  counters.takeTokens(
                      "channel:" + group.get(0).channel().id(), rate, group.size(), now));
      for (int i = 0; i < group.size(); i++) {
        if (i < ok) {
          granted.add(group.get(i));
        } else {
          long waitMs = (long) Math.ceil((i - ok + 1) * 1000.0 / rate);
          out.put(group.get(i).message().id(), new Defer(now.plusMillis(waitMs)));
        }
      }
    }
    return granted;
  }

  /**
   * Project limits per day and month; a message counts once, on its first send. The message is
   * marked counted when its outcome is recorded (with its state, no extra write): a node dying in
   * between can count its in-flight messages twice, never lets one through uncounted.
   */
  private java.util.Set<String> limits(
      List<Prepared> granted, Instant now, Map<String, Decision> out) {
    Map<ProjectId, List<Prepared>> uncounted = new LinkedHashMap<>();
    for (Prepared p : granted) {
      if (!p.message().counted()) {
        uncounted.computeIfAbsent(p.project().id(), k -> new ArrayList<>()).add(p);
      }
    }
    java.util.Set<String> counted = new java.util.HashSet<>();
    if (uncounted.isEmpty()) {
      return counted;
    }
    tx.executeWithoutResult(
        s -> {
          for (List<Prepared> group : uncounted.values()) {
            JsonNode limits = group.get(0).project().settings().path("limits");
            long ok =
                counters.reserve(
                    group.get(0).project().id(),
                    now,
                    group.get(0).project().timeZone(),
                    group.size(),
                    limit(limits, "messages_per_day"),
                    limit(limits, "messages_per_month"));
            for (int i = 0; i < group.size(); i++) {
              if (i < ok) {
                counted.add(group.get(i).message().id());
              } else {
                out.put(group.get(i).message().id(), new Skip("message_limit"));
              }
            }
          }
        });
    return counted;
  }

  private static Long limit(JsonNode limits, String field) {
    JsonNode v = limits.path(field);
    return v.isNumber() ? v.asLong() : null;
  }
}
