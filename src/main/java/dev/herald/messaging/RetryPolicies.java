package dev.herald.messaging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The retry ladder of each channel type (webhook from its own settings, the rest per lane). */
@Component
class RetryPolicies {

  private final Map<String, RetryPolicy> byType = new HashMap<>();
  private final RetryPolicy fallback;

  RetryPolicies(WebhookProperties webhook, ChannelProperties channels) {
    byType.put("webhook", new RetryPolicy(webhook.retrySchedule(), webhook.retryJitter()));
    for (String type : ChannelProperties.DEFAULTS.keySet()) {
      ChannelProperties.Lane lane = channels.lane(type);
      byType.put(type, new RetryPolicy(lane.retrySchedule(), lane.retryJitter()));
    }
    fallback = byType.get("mailchimp");
  }

  RetryPolicy of(String channelType) {
    return byType.getOrDefault(channelType, fallback);
  }
}
