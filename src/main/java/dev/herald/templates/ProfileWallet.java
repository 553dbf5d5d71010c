package dev.herald.templates;

import dev.herald.customers.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The cockpit's loyalty section from the profile's {@code loyalty} read model (Voucherify's {@code
 * customer.loyalty}: total points and, per campaign, points and tier).
 */
@Component
class ProfileWallet implements WalletSource {

  @Override
  public List<WalletItem> items(Customer customer) {
    JsonNode loyalty = customer.loyalty();
    List<WalletItem> out = new ArrayList<>();
    if (loyalty == null || !loyalty.isObject()) {
      return out;
    }
    JsonNode campaigns = loyalty.path("campaigns");
    if (campaigns.isObject() && !campaigns.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : campaigns.properties()) {
        JsonNode c = e.getValue();
        String tier =
            c.path("loyalty_tier").isObject()
                ? c.path("loyalty_tier").path("name").asString(null)
                : c.path("loyalty_tier").asString(null);
        out.add(
            new WalletItem(
                WalletItem.LOYALTY_PROGRAM,
                null,
                e.getKey(),
                Derivations.plain(c.path("points")) + " points",
                tier == null ? null : "Tier: " + tier,
                null,
                true));
      }
    } else if (loyalty.path("points").asLong(0) > 0) {
      out.add(
          new WalletItem(
              WalletItem.LOYALTY_PROGRAM,
              null,
              "Loyalty points",
              loyalty.path("points").asLong() + " points",
              null,
              null,
              true));
    }
    return out;
  }
}
