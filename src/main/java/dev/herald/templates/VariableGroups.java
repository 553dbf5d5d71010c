package dev.herald.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of the catalog, by group: what each means for the editor and what kind of value it
 * holds. Which trigger offers which groups is {@link VariableCatalog}'s table.
 */
final class VariableGroups {

  static final Map<String, List<Variable>> ALL;

  private static final Map<String, List<Variable>> BUILDING = new LinkedHashMap<>();

  static {
    group(
        "customer",
        v("customer.id", "Customer ID", "text"),
        v("customer.source_id", "Customer source ID", "text"),
        v("customer.name", "Customer name", "text"),
        v("customer.email", "Customer email", "email"),
        v("customer.phone", "Customer phone", "phone"),
        v("customer.metadata.*", "Customer metadata field", "text"),
        v("customer.assets.cockpit_url", "Customer cockpit link", "url"));
    group(
        "links",
        v("unsubscribe_url", "Unsubscribe link", "url"),
        v("brand_footer", "Brand footer (custom HTML)", "html"));
    group(
        "brand",
        v("brand.name", "Company name", "text"),
        v("brand.address", "Company postal address", "text"),
        v("brand.email", "Company email", "email"),
        v("brand.phone", "Company phone", "phone"),
        v("brand.website", "Company website", "url"),
        v("brand.logo_url", "Company logo", "url"),
        v("brand.privacy_url", "Privacy policy", "url"),
        v("brand.terms_url", "Terms of service", "url"));
    group(
        "distribution",
        v("distribution.id", "Distribution ID", "text"),
        v("distribution.name", "Distribution name", "text"));
    group(
        "voucher",
        v("voucher.code", "Code", "text"),
        v("qr_code", "Code as QR image", "image"),
        v("barcode", "Code as barcode image", "image"),
        v("voucher.assets.qr.url", "QR code image URL", "url"),
        v("voucher.assets.barcode.url", "Barcode image URL", "url"),
        v("voucher.value", "Code value (10%, 5.00, ...)", "text"),
        v("voucher.expiration_date", "Code expiry", "date"),
        v("voucher.start_date", "Code valid from", "date"),
        v("voucher.campaign", "Campaign of the code", "text"),
        v("voucher.metadata.*", "Code metadata field", "text"));
    group(
        "discount",
        v("voucher.discount.*", "Discount field (type, percent_off, amount_off, ...)", "text"));
    group(
        "campaign",
        v("campaign.id", "Campaign ID", "text"),
        v("campaign.name", "Campaign", "text"));
    group(
        "promotion_tier",
        v("promotion_tier.id", "Promotion tier ID", "text"),
        v("promotion_tier.name", "Promotion tier name", "text"),
        v("promotion_tier.banner", "Promotion banner", "text"));
    group(
        "order",
        v("order.id", "Order ID", "text"),
        v("order.source_id", "Order source ID", "text"),
        v("order.status", "Order status", "text"),
        v("order.amount", "Order amount", "money"),
        v("order.total_amount", "Order total", "money"),
        v("order.discount_amount", "Order discount", "money"),
        v("order.metadata.*", "Order metadata field", "text"));
    group(
        "gift",
        v("gift.amount", "Gift credits added", "money"),
        v("gift.balance", "Gift card balance", "money"));
    group(
        "loyalty",
        v("loyalty.points", "Loyalty points of this event", "number"),
        v("loyalty.balance", "Loyalty points balance", "number"));
    group("loyalty_tier", v("loyalty.tier", "Loyalty tier", "text"));
    group("tier_change", v("loyalty.previous_tier", "Previous loyalty tier", "text"));
    group(
        "reward",
        v("reward.id", "Reward ID", "text"),
        v("reward.name", "Reward", "text"),
        v("reward.type", "Reward type", "text"),
        v("reward.points", "Reward cost in points", "number"));
    group(
        "referral",
        v("referral.code", "Referral code", "text"),
        v("referral.reward", "Referral reward", "text"));
    group("segment", v("segment.id", "Segment ID", "text"), v("segment.name", "Segment", "text"));
    group(
        "event",
        v("event.type", "Custom event name", "text"),
        v("event.metadata.*", "Custom event metadata field", "text"));
    group("redemption", v("redemption.id", "Redemption ID", "text"));

    ALL = Collections.unmodifiableMap(BUILDING);
  }

  private VariableGroups() {}

  private static Variable v(String path, String label, String kind) {
    return new Variable(path, label, kind, null);
  }

  private static void group(String name, Variable... variables) {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables) {
      out.add(new Variable(v.path(), v.label(), v.kind(), name));
    }
    BUILDING.put(name, List.copyOf(out));
  }
}
