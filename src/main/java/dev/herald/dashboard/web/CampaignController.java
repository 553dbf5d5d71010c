package dev.herald.dashboard.web;

import dev.herald.campaigns.Campaigns;
import dev.herald.dashboard.DashboardUser;
import dev.herald.distributions.Distributions;
import dev.herald.shared.web.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaigns and a campaign's Distributions tab: each distribution publishing its codes (or
 * triggered by it) with state, channels, published codes, delivered messages, redeemed codes and
 * the redemption rate. Pages of 20, so a page costs the same however many a campaign has.
 */
@Controller
class CampaignController {

  static final int PAGE = 20;
  static final int MAX_PAGE = 500;

  private final Campaigns campaigns;
  private final Distributions distributions;
  private final DistributionMetrics metrics;
  private final Views views;

  CampaignController(
      Campaigns campaigns, Distributions distributions, DistributionMetrics metrics, Views views) {
    this.campaigns = campaigns;
    this.distributions = distributions;
    this.metrics = metrics;
    this.views = views;
  }

  @GetMapping("/dashboard/campaigns")
  String list(DashboardUser user, @RequestParam(defaultValue = "1") String page, Model model) {
    int p = page(page);
    Map<String, Object> found = campaigns.list(user.project(), null, new Page(PAGE, p));
    @SuppressWarnings("unchecked")
    List<JsonNode> items = (List<JsonNode>) found.get("campaigns");
    model.addAttribute("items", Views.maps(items));
    model.addAttribute("total", Views.value(found.get("total")));
    model.addAttribute("page", p);
    model.addAttribute("more", items.size() == PAGE && p < MAX_PAGE);
    model.addAttribute("zone", views.zone(user.project()));
    return "dashboard/campaigns";
  }

  @GetMapping("/dashboard/campaigns/{id}")
  String campaign(
      DashboardUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "1") String page,
      Model model) {
    ObjectNode campaign = campaigns.get(user.project(), id);
    int p = page(page);
    List<String> keys = new ArrayList<>(List.of(campaign.path("id").asString()));
    if (campaign.path("name").isString()) {
      keys.add(campaign.path("name").asString());
    }
    List<ObjectNode> found =
        distributions.ofCampaign(user.project(), keys, PAGE + 1, (p - 1) * PAGE);
    boolean more = found.size() > PAGE;
    List<ObjectNode> shown = more ? found.subList(0, PAGE) : found;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ObjectNode d : shown) {
      Map<String, Object> row = Views.map(d);
      Map<String, Object> totals =
          Views.map(metrics.totals(user.project(), d.path("id").asString()));
      row.put("delivered", totals.get("delivered"));
      row.put("codes", totals.get("codes"));
      rows.add(row);
    }
    model.addAttribute("c", Views.map(campaign));
    model.addAttribute("rows", rows);
    model.addAttribute("page", p);
    model.addAttribute("more", more && p < MAX_PAGE);
    model.addAttribute("zone", views.zone(user.project()));
    return "dashboard/campaign";
  }

  private static int page(String value) {
    return Math.max(1, Math.min(MAX_PAGE, OverviewController.intParam(value, 1)));
  }
}
