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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewards ({@code /v1/rewards}) and their assignments to loyalty programs with a point cost ({@code
 * /v1/rewards/{id}/assignments}, {@code /v1/loyalties/{id}/rewards}).
 */
@Service
public class Rewards {

  static final List<String> TYPES = List.of("CAMPAIGN", "COIN", "MATERIAL");
  private static final List<String> CODE_CAMPAIGNS =
      List.of("DISCOUNT_COUPONS", "GIFT_VOUCHERS", "LOYALTY_PROGRAM", "REFERRAL_PROGRAM");

  private final RewardRepository repository;
  private final CardContexts contexts;
  private final Clock clock;

  Rewards(RewardRepository repository, CardContexts contexts, Clock clock) {
    this.repository = repository;
    this.contexts = contexts;
    this.clock = clock;
  }

  @Transactional
  public ObjectNode create(ProjectId project, Body body) {
    String name = body.requiredString("name");
    Body parameters =
        body.object("parameters").orElseThrow(() -> body.invalid("parameters", "is required"));
    String type = body.oneOf("type", TYPES).orElseGet(() -> inferType(parameters));
    RewardRepository.Reward r =
        new RewardRepository.Reward(
            Ids.newId("rew_"),
            project,
            name,
            type,
            parameters(project, type, parameters),
            stock(body, null),
            0,
            attributes(body, Json.object()),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(Json.object()),
            clock.instant(),
            null);
    repository.insert(r);
    return toJson(r);
  }

  private static String inferType(Body parameters) {
    for (String[] p :
        new String[][] {{"campaign", "CAMPAIGN"}, {"coin", "COIN"}, {"product", "MATERIAL"}}) {
      if (parameters.has(p[0])) {
        return p[1];
      }
    }
    throw parameters.invalid("campaign", "or coin or product is required");
  }

  private ObjectNode parameters(ProjectId project, String type, Body p) {
    ObjectNode out = Json.object();
    switch (type) {
      case "CAMPAIGN" -> {
        Body c = p.object("campaign").orElseThrow(() -> p.invalid("campaign", "is required"));
        String ref = c.requiredString("id");
        Campaign campaign =
            contexts
                .campaign(project, ref)
                .orElseThrow(() -> ApiException.notFound("campaign", ref));
        if (!CODE_CAMPAIGNS.contains(campaign.campaignType())) {
          throw c.invalid("id", "must be a campaign with codes, not " + campaign.campaignType());
        }
        ObjectNode campaignOut =
            Json.object().put("id", campaign.id()).put("type", campaign.campaignType());
        Optional<Long> balance = c.integer("balance");
        if (balance.isPresent() && balance.get() < 1) {
          throw c.invalid("balance", "must be at least 1");
        }
        if (campaign.campaignType().equals("LOYALTY_PROGRAM") && balance.isEmpty()) {
          throw c.invalid("balance", "is required: the points the reward adds");
        }
        balance.ifPresent(b -> campaignOut.put("balance", b));
        out.set("campaign", campaignOut);
      }
      case "COIN" -> {
        Body c = p.object("coin").orElseThrow(() -> p.invalid("coin", "is required"));
        double ratio =
            c.number("exchange_ratio")
                .orElseThrow(() -> c.invalid("exchange_ratio", "is required"));
        long points = c.integer("points_ratio").orElse(1L);
        if (ratio <= 0) {
          throw c.invalid("exchange_ratio", "must be positive");
        }
        if (points < 1) {
          throw c.invalid("points_ratio", "must be at least 1");
        }
        out.set("coin", Json.object().put("exchange_ratio", ratio).put("points_ratio", points));
      }
      default -> {
        Body product = p.object("product").orElseThrow(() -> p.invalid("product", "is required"));
        ObjectNode productOut = Json.object().put("id", product.requiredString("id"));
        productOut.put(
            "sku_id", product.string("sku_id").or(() -> product.string("sku")).orElse(null));
        out.set("product", productOut);
      }
    }
    return out;
  }

  private static Long stock(Body body, Long current) {
    if (!body.has("stock")) {
      return current;
    }
    Optional<Long> stock = body.integer("stock");
    if (stock.isPresent() && stock.get() < 0) {
      throw body.invalid("stock", "must not be negative");
    }
    return stock.orElse(null);
  }

  private static ObjectNode attributes(Body body, ObjectNode current) {
    if (!body.has("attributes")) {
      return current;
    }
    Body a = body.object("attributes").orElse(Body.of(Json.object(), body.errorKey()));
    ObjectNode out = Json.object();
    a.string("image_url").ifPresent(v -> out.put("image_url", v));
    a.string("description").ifPresent(v -> out.put("description", v));
    return out;
  }

  @Transactional
  public ObjectNode update(ProjectId project, String id, Body body) {
    RewardRepository.Reward r = find(project, id);
    RewardRepository.Reward updated =
        new RewardRepository.Reward(
            r.id(),
            project,
            body.has("name") ? body.requiredString("name") : r.name(),
            r.type(),
            body.has("parameters")
                ? parameters(
                    project,
                    r.type(),
                    body.object("parameters")
                        .orElseThrow(() -> body.invalid("parameters", "must be an object")))
                : r.parameters(),
            stock(body, r.stock()),
            r.redeemed(),
            attributes(body, r.attributes()),
            body.metadata("metadata").map(ObjectNode::deepCopy).orElse(r.metadata()),
            r.createdAt(),
            clock.instant());
    if (!repository.update(updated)) {
      throw body.invalid("stock", "is below the " + r.redeemed() + " already redeemed");
    }
    return toJson(updated);
  }

  @Transactional
  public void delete(ProjectId project, String id) {
    repository.delete(find(project, id).id(), clock.instant());
  }

  public ObjectNode get(ProjectId project, String id) {
    return toJson(find(project, id));
  }

  public Map<String, Object> list(ProjectId project, Page page) {
    List<ObjectNode> items =
        repository.list(project, page.fetchSize(), page.offset()).stream()
            .map(Rewards::toJson)
            .toList();
    return ListResponse.page("data", items, page, repository.count(project));
  }

  RewardRepository.Reward find(ProjectId project, String id) {
    return repository.byId(project, id).orElseThrow(() -> ApiException.notFound("reward", id));
  }

  static ObjectNode toJson(RewardRepository.Reward r) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    out.put("name", r.name());
    if (r.stock() == null) {
      out.putNull("stock");
    } else {
      out.put("stock", r.stock());
    }
    out.put("redeemed", r.redeemed());
    out.set("attributes", r.attributes());
    out.put("type", r.type());
    out.set("parameters", r.parameters());
    out.set("metadata", r.metadata());
    out.put("created_at", Times.format(r.createdAt()));
    out.put("updated_at", Times.format(r.updatedAt()));
    out.put("object", "reward");
    return out;
  }
}
