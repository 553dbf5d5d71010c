package dev.herald.loyalty;

import dev.herald.projects.ProjectId;
import java.time.Instant;

/** A loyalty card's points as this module keeps them; the code itself is a campaigns voucher. */
record Card(
    String voucherId,
    ProjectId projectId,
    String campaignId,
    String code,
    String holderId,
    long balance,
    long points,
    String tierId,
    Instant tierExpiresAt,
    Instant createdAt,
    Instant updatedAt) {

  Card with(long newBalance, long newPoints, Instant at) {
    return new Card(
        voucherId,
        projectId,
        campaignId,
        code,
        holderId,
        newBalance,
        newPoints,
        tierId,
        tierExpiresAt,
        createdAt,
        at);
  }

  Card withTier(String tier, Instant expiresAt, Instant at) {
    return new Card(
        voucherId,
        projectId,
        campaignId,
        code,
        holderId,
        balance,
        points,
        tier,
        expiresAt,
        createdAt,
        at);
  }
}
