package dev.herald.messaging;

import dev.herald.customers.Customer;
import dev.herald.shared.Times;
import dev.herald.templates.WalletItem;
import dev.herald.templates.WalletSource;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The cockpit's codes as the customer's messages carried them: every code a distribution sent (or
 * meant to send) them, with value and expiry as snapshotted when queued. Live balances come from
 * the modules that own vouchers, with a higher priority.
 */
@Component
class MessageWallet implements WalletSource {

  private final MessageRepository messages;

  MessageWallet(MessageRepository messages) {
    this.messages = messages;
  }

  @Override
  public List<WalletItem> items(Customer customer) {
    List<WalletItem> out = new ArrayList<>();
    for (JsonNode v : messages.vouchersOf(customer.projectId(), customer.id())) {
      String code = v.path("code").asString("");
      if (code.isEmpty()) {
        continue;
      }
      String type = v.path("type").asString("");
      String kind =
          v.path("is_referral_code").asBoolean(false)
              ? WalletItem.REFERRAL_CODE
              : type.equals("GIFT_VOUCHER")
                  ? WalletItem.GIFT_CARD
                  : type.equals("LOYALTY_CARD") ? WalletItem.LOYALTY_CARD : WalletItem.CODE;
      String campaign = v.path("campaign").asString(null);
      out.add(
          new WalletItem(
              kind,
              code,
              campaign,
              value(v),
              null,
              Times.parseOrNull(v.path("expiration_date").asString(null)),
              v.path("active").asBoolean(true)));
    }
    return out;
  }

  private static String value(JsonNode v) {
    JsonNode d = v.path("discount");
    if (d.path("type").asString("").equals("PERCENT")) {
      return d.path("percent_off").asString() + "% off";
    }
    if (d.path("type").asString("").equals("AMOUNT")) {
      return String.format(
          java.util.Locale.ROOT, "%,.2f off", d.path("amount_off").asLong() / 100.0);
    }
    if (v.path("gift").isObject()) {
      JsonNode g = v.path("gift");
      long cents = g.has("balance") ? g.path("balance").asLong() : g.path("amount").asLong();
      return String.format(java.util.Locale.ROOT, "%,.2f", cents / 100.0);
    }
    if (v.path("loyalty_card").isObject()) {
      JsonNode c = v.path("loyalty_card");
      return (c.has("balance") ? c.path("balance").asLong() : c.path("points").asLong())
          + " points";
    }
    return null;
  }
}
