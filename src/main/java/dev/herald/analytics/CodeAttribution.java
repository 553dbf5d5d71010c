package dev.herald.analytics;

import dev.herald.distributions.DistributionReads;
import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.projects.ProjectId;
import dev.herald.shared.Times;
import dev.herald.shared.db.TransactionCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Counts the codes distributions publish and how many of them get redeemed, from the event log:
 * {@code customer.publication.succeeded} carrying {@code metadata.distribution_id} attributes the
 * code to that distribution; {@code customer.redemption.succeeded} and {@code
 * customer.redemption.rollback.succeeded} move a code in and out of "redeemed" (at least one
 * redemption not rolled back). Each event is handled once, in the transaction that completes its
 * consumer task. Events may be handled in any order: a redemption handled before its publication is
 * kept on the code and counted when the publication attributes it.
 *
 * <p>A group-committed batch writes once, before it commits: its publications are attributed with
 * one statement (after its redemptions, which the order-independence above allows), the counts of
 * its events are summed per distribution, campaign and slot (a manual send's batch of publications
 * is one increment), and whether a distribution exists is asked once per batch.
 */
@Component
class CodeAttribution implements EventConsumer {

  static final String PUBLISHED = "customer.publication.succeeded";
  static final String REDEEMED = "customer.redemption.succeeded";
  static final String ROLLED_BACK = "customer.redemption.rollback.succeeded";
  private static final Set<String> TYPES = Set.of(PUBLISHED, REDEEMED, ROLLED_BACK);
  private static final String COUNTS = "analytics.code-counts";
  private static final String ATTRIBUTIONS = "analytics.code-attributions";

  private final CodeRepository codes;
  private final DistributionReads distributions;

  CodeAttribution(CodeRepository codes, DistributionReads distributions) {
    this.codes = codes;
    this.distributions = distributions;
  }

  @Override
  public String name() {
    return "analytics.codes";
  }

  @Override
  public boolean accepts(String eventType) {
    return TYPES.contains(eventType);
  }

  /** Only projects where a distribution publishes codes get work (asked once per batch). */
  @Override
  public boolean wants(ProjectId project, String eventType) {
    return distributions.publishesCodes(project);
  }

  /** One thread, effects only in the database: a claimed batch commits once. */
  @Override
  public boolean groupCommit() {
    return true;
  }

  /** What {@link #handle} reads: the code, its distribution, campaign and time, a redemption's. */
  @Override
  public List<String> reads() {
    return READS;
  }

  private static final List<String> READS =
      List.of(
          "/voucher/id",
          "/voucher/campaign_id",
          "/publication/metadata/distribution_id",
          "/publication/created_at",
          "/campaign/id",
          "/redemption/date",
          "/redemption_rollback/date");

  @Override
  public void handle(Event event) {
    JsonNode voucher = event.data().path("voucher");
    String voucherId = voucher.path("id").asString(null);
    if (voucherId == null) {
      return; // a promotion tier, not a code
    }
    switch (event.type()) {
      case PUBLISHED -> published(event, voucherId, voucher);
      case REDEEMED -> redeemed(event, voucherId, +1);
      default -> redeemed(event, voucherId, -1);
    }
  }

  private void published(Event event, String voucherId, JsonNode voucher) {
    JsonNode publication = event.data().path("publication");
    String distribution =
        publication.path("metadata").path("distribution_id").asString(event.distributionId());
    if (distribution == null || !known(event.projectId(), distribution)) {
      return;
    }
    String campaign =
        event.data().path("campaign").path("id").asString(voucher.path("campaign_id").asString(""));
    Instant at = time(publication.path("created_at"), event);
    TransactionCache.beforeCommit(ATTRIBUTIONS, ArrayList<Attribution>::new, this::attributeAll)
        .add(
            new Attribution(
                event.projectId(),
                new CodeRepository.Published(voucherId, distribution, campaign, at)));
  }

  /** A code published by a distribution, to attribute before the transaction commits. */
  private record Attribution(ProjectId project, CodeRepository.Published code) {}

  /**
   * Attributes a batch's codes with one statement per project, and counts the ones attributed now
   * (a code published again counts once; one redeemed before its publication was handled counts as
   * redeemed too). Handled after the batch's other events, which order does not change.
   */
  private void attributeAll(List<Attribution> all) {
    Map<ProjectId, Map<String, CodeRepository.Published>> byProject = new LinkedHashMap<>();
    for (Attribution a : all) {
      // the first publication of a code in the batch attributes it, as handled one by one
      byProject
          .computeIfAbsent(a.project(), p -> new LinkedHashMap<>())
          .putIfAbsent(a.code().voucherId(), a.code());
    }
    Map<Slot, long[]> counts = new HashMap<>();
    byProject.forEach(
        (project, codesOf) -> {
          for (CodeRepository.Code code : codes.attributeAll(project, codesOf.values())) {
            add(counts, Slot.of(project, code, code.publishedAt()), 1, 0);
            if (code.redemptions() > 0) {
              add(counts, Slot.of(project, code, code.redeemedAt()), 0, 1);
            }
          }
        });
    write(counts);
  }

  private void redeemed(Event event, String voucherId, int delta) {
    JsonNode when =
        delta > 0
            ? event.data().path("redemption").path("date")
            : event.data().path("redemption_rollback").path("date");
    CodeRepository.Code[] change =
        codes.redeem(event.projectId(), voucherId, delta, time(when, event));
    CodeRepository.Code before = change[0];
    CodeRepository.Code after = change[1];
    if (after.distributionId() == null) {
      return; // not (yet) known as a distribution's code
    }
    boolean was = before.redemptions() > 0;
    boolean is = after.redemptions() > 0;
    if (!was && is) {
      count(Slot.of(event.projectId(), after, after.redeemedAt()), 0, 1);
    } else if (was && !is) {
      count(Slot.of(event.projectId(), after, before.redeemedAt()), 0, -1);
    }
  }

  /** Known distributions stay known (deleted ones count), so the batch asks once per id. */
  private boolean known(ProjectId project, String distribution) {
    return TransactionCache.get(
        "analytics.known-distribution:" + project.value() + ":" + distribution,
        () -> distributions.known(project, distribution));
  }

  /** Where one slot's counts go: summed over the transaction and written before it commits. */
  private record Slot(ProjectId project, String distribution, String campaign, Instant slot) {

    /** The slot of {@code code}'s distribution and campaign holding {@code at}. */
    static Slot of(ProjectId project, CodeRepository.Code code, Instant at) {
      return new Slot(project, code.distributionId(), code.campaignId(), Slots.slot(at));
    }
  }

  private void count(Slot slot, long published, long redeemed) {
    add(
        TransactionCache.beforeCommit(COUNTS, HashMap::new, this::write),
        slot,
        published,
        redeemed);
  }

  private static void add(Map<Slot, long[]> counts, Slot slot, long published, long redeemed) {
    long[] n = counts.computeIfAbsent(slot, k -> new long[2]);
    n[0] += published;
    n[1] += redeemed;
  }

  private void write(Map<Slot, long[]> counts) {
    counts.forEach(
        (s, n) -> {
          if (n[0] != 0 || n[1] != 0) {
            codes.count(s.project(), s.distribution(), s.campaign(), s.slot(), n[0], n[1]);
          }
        });
  }

  private static Instant time(JsonNode value, Event event) {
    Instant parsed = value.isString() ? Times.parseOrNull(value.asString()) : null;
    return parsed != null ? parsed : event.createdAt();
  }
}
