package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.Times;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import dev.herald.shared.web.ListResponse;
import dev.herald.shared.web.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewards offered in loyalty programs for a point cost ({@code /v1/rewards/{id}/assignments},
 * {@code /v1/loyalties/{id}/rewards}), and what a member or a tier pays for them.
 */
@Service
public class RewardAssignments {

  private final RewardRepository repository;
  private final Rewards rewards;
  private final CardContexts contexts;
  private final CardRepository cards;
  private final TierRepository tiers;
  private final Clock clock;

  RewardAssignments(
      RewardRepository repository,
      Rewards rewards,
      CardContexts contexts,
      CardRepository cards,
      TierRepository tiers,
      Clock clock) {
    this.repository = repository;
    this.rewards = rewards;
    this.contexts = contexts;
    this.cards = cards;
    this.tiers = tiers;
    this.clock = clock;
  }

  /** {@code POST /v1/rewards/{id}/assignments}: {@code {campaign, parameters.loyalty.points}}. */
  @Transactional
  public ObjectNode assign(ProjectId project, String rewardId, Body body) {
    RewardRepository.Reward reward = rewards.find(project, rewardId);
    Campaign program = contexts.programOf(project, body.requiredString("campaign"));
    return assignmentJson(assign(project, reward, program, body));
  }

  /**
   * {@code POST /v1/loyalties/{id}/rewards}: {@code {reward, parameters}} or an array of them;
   * answers in the same shape.
   */
  @Transactional
  public Object assignToProgram(
      ProjectId project, String programRef, List<Body> bodies, boolean array) {
    Campaign program = contexts.programOf(project, programRef);
    List<ObjectNode> out = new ArrayList<>();
    for (Body b : bodies) {
      out.add(
          assignmentJson(
              assign(project, rewards.find(project, b.requiredString("reward")), program, b)));
    }
    return array ? out : out.get(0);
  }

  private RewardRepository.Assignment assign(
      ProjectId project, RewardRepository.Reward reward, Campaign program, Body body) {
    RewardRepository.Assignment a =
        new RewardRepository.Assignment(
            Ids.newId("rewa_"),
            project,
            reward.id(),
            program.id(),
            points(reward, body, null),
            clock.instant(),
            null);
    if (!repository.insert(a)) {
      throw ApiException.conflict(
          "duplicate_found",
          "Reward " + reward.id() + " is already assigned to campaign " + program.id());
    }
    return a;
  }

  private static Long points(RewardRepository.Reward reward, Body body, Long current) {
    Optional<Long> points =
        body.object("parameters")
            .flatMap(p -> p.object("loyalty"))
            .flatMap(l -> l.integer("points"));
    if (points.isPresent() && points.get() < 1) {
      throw body.invalid("parameters.loyalty.points", "must be at least 1");
    }
    if (points.isEmpty() && current == null && !reward.type().equals("COIN")) {
      throw body.invalid("parameters.loyalty.points", "is required");
    }
    return points.orElse(current);
  }

  @Transactional
  public ObjectNode updateAssignment(
      ProjectId project, String rewardId, String programRef, String assignmentId, Body body) {
    RewardRepository.Assignment a = assignment(project, rewardId, programRef, assignmentId);
    RewardRepository.Reward reward = rewards.find(project, a.rewardId());
    RewardRepository.Assignment updated =
        new RewardRepository.Assignment(
            a.id(),
            project,
            a.rewardId(),
            a.campaignId(),
            points(reward, body, a.points()),
            a.createdAt(),
            clock.instant());
    repository.update(updated);
    return assignmentJson(updated);
  }

  @Transactional
  public void deleteAssignment(
      ProjectId project, String rewardId, String programRef, String assignmentId) {
    RewardRepository.Assignment a = assignment(project, rewardId, programRef, assignmentId);
    repository.deleteAssignment(a.id(), clock.instant());
  }

  public ObjectNode getAssignment(
      ProjectId project, String rewardId, String programRef, String assignmentId) {
    return assignmentJson(assignment(project, rewardId, programRef, assignmentId));
  }

  /** The reward of an assignment of the program. */
  public ObjectNode rewardOfAssignment(ProjectId project, String programRef, String assignmentId) {
    return Rewards.toJson(
        rewards.find(project, assignment(project, null, programRef, assignmentId).rewardId()));
  }

  private RewardRepository.Assignment assignment(
      ProjectId project, String rewardId, String programRef, String assignmentId) {
    String campaignId = programRef == null ? null : contexts.programOf(project, programRef).id();
    if (rewardId != null) {
      rewards.find(project, rewardId);
    }
    return repository
        .assignment(project, assignmentId)
        .filter(a -> rewardId == null || a.rewardId().equals(rewardId))
        .filter(a -> campaignId == null || a.campaignId().equals(campaignId))
        .orElseThrow(() -> ApiException.notFound("reward_assignment", assignmentId));
  }

  /** Assignments of a reward, or of a program. */
  public Map<String, Object> assignments(
      ProjectId project, String rewardId, String programRef, Page page) {
    String campaignId = programRef == null ? null : contexts.programOf(project, programRef).id();
    if (rewardId != null) {
      rewards.find(project, rewardId);
    }
    List<ObjectNode> items =
        repository.assignments(rewardId, campaignId, page.fetchSize(), page.offset()).stream()
            .map(RewardAssignments::assignmentJson)
            .toList();
    return ListResponse.page(
        "data", items, page, repository.countAssignments(rewardId, campaignId));
  }

  /**
   * {@code GET /v1/loyalties/members/{code}/rewards}: the rewards of the card's program with what
   * they cost this member (after tier mappings); {@code affordableOnly} keeps those the balance
   * covers.
   */
  public Map<String, Object> memberRewards(
      ProjectId project, String code, boolean affordableOnly, Page page) {
    CardContext ctx = contexts.card(project, code);
    Card card = cards.find(ctx.voucher.id()).orElse(null);
    long balance = card != null ? card.balance() : ctx.template().path("points").asLong(0);
    Tier tier =
        card == null || card.tierId() == null
            ? null
            : tiers.byId(project, card.tierId()).orElse(null);
    List<ObjectNode> items = new ArrayList<>();
    for (RewardRepository.Assignment a : repository.assignments(null, ctx.program.id(), 1000, 0)) {
      Optional<RewardRepository.Reward> reward = repository.byId(project, a.rewardId());
      if (reward.isEmpty()) {
        continue;
      }
      long cost = cost(reward.get(), a, tier);
      if (affordableOnly && (balance < cost || balance == 0)) {
        continue;
      }
      ObjectNode item = Json.object();
      item.set("reward", Rewards.toJson(reward.get()));
      ObjectNode assignment = assignmentJson(a);
      if (!reward.get().type().equals("COIN")) {
        ((ObjectNode) assignment.path("parameters").path("loyalty")).put("points", cost);
      }
      item.set("assignment", assignment);
      item.put("object", "loyalty_reward");
      items.add(item);
    }
    List<ObjectNode> pageItems =
        items.stream().skip(page.offset()).limit(page.fetchSize()).toList();
    return ListResponse.page("data", pageItems, page, (long) items.size());
  }

  /** {@code GET /v1/loyalties/{id}/tiers/{tierId}/rewards}: the program's rewards at tier cost. */
  public Map<String, Object> tierRewards(
      ProjectId project, String programRef, String tierId, Page page) {
    Campaign program = contexts.programOf(project, programRef);
    Tier tier =
        tiers
            .byId(project, tierId)
            .filter(t -> t.campaignId().equals(program.id()))
            .orElseThrow(() -> ApiException.notFound("loyalty_tier", tierId));
    List<ObjectNode> items = new ArrayList<>();
    for (RewardRepository.Assignment a : repository.assignments(null, program.id(), 1000, 0)) {
      repository
          .byId(project, a.rewardId())
          .ifPresent(
              reward -> {
                ObjectNode item = Json.object();
                item.set("reward", Rewards.toJson(reward));
                ObjectNode assignment = assignmentJson(a);
                if (!reward.type().equals("COIN")) {
                  ((ObjectNode) assignment.path("parameters").path("loyalty"))
                      .put("points", cost(reward, a, tier));
                }
                item.set("assignment", assignment);
                item.put("object", "loyalty_tier_reward");
                items.add(item);
              });
    }
    return ListResponse.page(
        "data",
        items.stream().skip(page.offset()).limit(page.fetchSize()).toList(),
        page,
        (long) items.size());
  }

  /** The points a member in {@code tier} pays for the reward (0 for COIN: chosen per use). */
  static long cost(RewardRepository.Reward reward, RewardRepository.Assignment a, Tier tier) {
    if (reward.type().equals("COIN") || a.points() == null) {
      return 0;
    }
    return Tiers.forTier(tier, a.id(), a.points(), true);
  }

  static ObjectNode assignmentJson(RewardRepository.Assignment a) {
    ObjectNode out = Json.object();
    out.put("id", a.id());
    out.put("reward_id", a.rewardId());
    out.put("related_object_id", a.campaignId());
    out.put("related_object_type", "campaign");
    ObjectNode loyalty = Json.object();
    if (a.points() == null) {
      loyalty.putNull("points");
    } else {
      loyalty.put("points", a.points());
    }
    out.set("parameters", Json.object().set("loyalty", loyalty));
    out.put("created_at", Times.format(a.createdAt()));
    out.put("updated_at", Times.format(a.updatedAt()));
    out.put("object", "reward_assignment");
    return out;
  }
}
