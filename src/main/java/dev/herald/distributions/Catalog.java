package dev.herald.distributions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of what a distribution may combine: each trigger with its category, label, scope
 * fields and allowed actions, and each action with its allowed channels. Validation and the catalog
 * endpoint both read it; nothing else keeps its own copy.
 */
final class Catalog {

  record TriggerSpec(
      String type,
      String category,
      String label,
      List<String> requiredScope,
      List<String> optionalScope,
      List<String> actions) {}

  record ActionSpec(String type, String label, List<String> channels) {}

  static final Map<String, ActionSpec> ACTIONS = new LinkedHashMap<>();
  static final Map<String, TriggerSpec> TRIGGERS = new LinkedHashMap<>();

  static {
    action("plain_message", "Send plain message", List.of("webhook"));

    trigger(
        "customer.custom_event",
        "Custom event",
        "Custom event",
        List.of("custom_event"),
        List.of(),
        List.of("plain_message"));
  }

  private Catalog() {}

  private static void action(String type, String label, List<String> channels) {
    ACTIONS.put(type, new ActionSpec(type, label, channels));
  }

  private static void trigger(
      String type,
      String category,
      String label,
      List<String> required,
      List<String> optional,
      List<String> actions) {
    TRIGGERS.put(type, new TriggerSpec(type, category, label, required, optional, actions));
  }

  static Optional<TriggerSpec> trigger(String type) {
    return Optional.ofNullable(TRIGGERS.get(type));
  }

  static boolean isTriggerType(String eventType) {
    return TRIGGERS.containsKey(eventType);
  }
}
