package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.dashboard.DistributionStats;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Analytics tab: messages sent, failed and recovered per channel over a chosen time range (24
 * hours by the hour; 7, 30 or 90 days by the day, in the project's zone), and codes published,
 * redeemed and the redemption rate (counted by {@link DistributionStats}).
 */
@Component
class DistributionMetrics {

  static final Map<String, String> RANGE_LABELS =
      Map.of(
          "24h",
          "Last 24 hours",
          "7d",
          "Last 7 days",
          "30d",
          "Last 30 days",
          "90d",
          "Last 90 days");

  private final DistributionStats stats;

  DistributionMetrics(DistributionStats stats) {
    this.stats = stats;
  }

  void analyticsModel(
      DashboardUser user, String id, Map<String, String> params, ZoneId zone, Model model) {
    String range = DistributionStats.range(params.get("range"));
    Map<String, Object> chart = Views.map(chart(user, id, range, zone));
    model.addAttribute("range", range);
    model.addAttribute("ranges", DistributionStats.RANGES);
    model.addAttribute("rangeLabels", RANGE_LABELS);
    model.addAttribute("chart", chart);
    model.addAttribute("codes", chart.get("codes"));
  }

  /** The chart's data with the code numbers; {@code stale} while a newer count is being made. */
  ObjectNode chart(DashboardUser user, String id, String range, ZoneId zone) {
    DistributionStats.Numbers n = stats.chart(user.project(), id, range, zone);
    ObjectNode out = n.data().deepCopy();
    out.put("stale", n.stale());
    return out;
  }
}
