package dev.herald.rules;

/**
 * The outcome of evaluating one validation rule. When it failed: the failing entry's name (e.g.
 * {@code order.amount}), the error message to show (the entry's own, else the rule's), and the
 * Voucherify error key ({@code customer_rules_violated}, {@code order_rules_violated}, ...).
 */
public record RuleResult(
    boolean valid, String ruleId, String failedRule, String errorMessage, String key) {

  public static RuleResult passed(String ruleId) {
    return new RuleResult(true, ruleId, null, null, null);
  }

  static RuleResult failed(String ruleId, String failedRule, String message) {
    return new RuleResult(false, ruleId, failedRule, message, keyFor(failedRule));
  }

  static String keyFor(String ruleName) {
    if (ruleName == null) {
      return "validation_rules_violated";
    }
    if (ruleName.startsWith("customer.")) {
      return "customer_rules_violated";
    }
    if (ruleName.startsWith("order.")
        || ruleName.startsWith("product.")
        || ruleName.startsWith("sku.")) {
      return "order_rules_violated";
    }
    if (ruleName.startsWith("custom_event.")) {
      return "custom_event_rules_violated";
    }
    if (ruleName.startsWith("campaign.") || ruleName.startsWith("redemption.")) {
      return "redemption_rules_violated";
    }
    return "validation_rules_violated";
  }
}
