package dev.herald.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery settings of the channels other than webhook (whose settings are {@link
 * WebhookProperties}): per channel type, the retry ladder (delays between attempts), jitter, the
 * per-attempt timeout and how many sends run at once on one node.
 *
 * <ul>
 *   <li>email ({@code HERALD_EMAIL_RETRY_SCHEDULE}): 1m, 5m, 15m, 30m, 1h, 2h, 4h, 8h — about 16 h,
 *       since an SMTP relay that is down usually comes back within hours and mail stays useful;
 *   <li>sms ({@code HERALD_SMS_RETRY_SCHEDULE}): 30s, 1m, 5m, 15m, 30m, 1h, 2h — about 4 h, like
 *       GOV.UK Notify: a promotional SMS arriving the next day is worse than none;
 *   <li>integrations, Mailchimp and Braze ({@code HERALD_INTEGRATION_RETRY_SCHEDULE}): 1m, 5m, 15m,
 *       1h, 4h, 12h.
 * </ul>
 */
@ConfigurationProperties("herald.channels")
record ChannelProperties(Map<String, Lane> lanes) {

  /** One channel type's retry ladder and concurrency. */
  record Lane(
      List<Duration> retrySchedule, Double retryJitter, Duration timeout, Integer concurrency) {}

  static final Map<String, Lane> DEFAULTS =
      Map.of(
          "email",
          new Lane(
              durations("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2H", "PT4H", "PT8H"),
              0.1,
              Duration.ofSeconds(30),
              8),
          "sms",
          new Lane(
              durations("PT30S", "PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2H"),
              0.1,
              Duration.ofSeconds(15),
              8),
          "mailchimp",
          new Lane(
              durations("PT1M", "PT5M", "PT15M", "PT1H", "PT4H", "PT12H"),
              0.1,
              Duration.ofSeconds(15),
              4),
          "braze",
          new Lane(
              durations("PT1M", "PT5M", "PT15M", "PT1H", "PT4H", "PT12H"),
              0.1,
              Duration.ofSeconds(15),
              4));

  ChannelProperties {
    lanes = lanes == null ? Map.of() : Map.copyOf(lanes);
  }

  /** The lane of a channel type, each missing setting from the defaults. */
  Lane lane(String type) {
    Lane d = DEFAULTS.getOrDefault(type, DEFAULTS.get("mailchimp"));
    Lane given = lanes.get(type);
    if (given == null) {
      return d;
    }
    return new Lane(
        given.retrySchedule() == null || given.retrySchedule().isEmpty()
            ? d.retrySchedule()
            : given.retrySchedule(),
        given.retryJitter() == null ? d.retryJitter() : given.retryJitter(),
        given.timeout() == null ? d.timeout() : given.timeout(),
        given.concurrency() == null ? d.concurrency() : given.concurrency());
  }

  private static List<Duration> durations(String... iso) {
    return java.util.Arrays.stream(iso).map(Duration::parse).toList();
  }
}
