package dev.herald.messaging;

import java.time.Instant;
import java.util.List;

/** A customer a distribution messaged, and where each of its channels stands for them. */
public record Recipient(String customerId, List<ChannelState> channels) {

  /**
   * One channel's latest message to the recipient ({@code messages} counts all of them, the first
   * created at {@code firstCreatedAt}: an automatic distribution may message a customer once per
   * trigger).
   */
  public record ChannelState(
      String channelId,
      String channelType,
      String messageId,
      MessageStatus status,
      int attempts,
      int failedAttempts,
      String reason,
      String lastError,
      Instant createdAt,
      Instant deliveredAt,
      Instant firstCreatedAt,
      long messages,
      String voucherCode) {

    public boolean recovered() {
      return status == MessageStatus.DELIVERED && failedAttempts > 0;
    }
  }

  public Instant firstMessageAt() {
    return channels.stream().map(ChannelState::firstCreatedAt).min(Instant::compareTo).orElse(null);
  }

  public Instant lastMessageAt() {
    return channels.stream().map(ChannelState::createdAt).max(Instant::compareTo).orElse(null);
  }

  public long messages() {
    return channels.stream().mapToLong(ChannelState::messages).sum();
  }
}
