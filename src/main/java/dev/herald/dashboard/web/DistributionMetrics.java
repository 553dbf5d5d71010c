package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The Analytics tab's model and the chart's data. */
@Component
class DistributionMetrics {

  void analyticsModel(
      DashboardUser user, String id, Map<String, String> params, ZoneId zone, Model model) {
    model.addAttribute("analyticsAvailable", false);
  }
}
