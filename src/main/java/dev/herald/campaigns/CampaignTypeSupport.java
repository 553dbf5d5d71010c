package dev.herald.campaigns;

import dev.herald.projects.ProjectId;
import dev.herald.shared.web.Body;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * SPI: a module that runs a campaign type on top of what this module stores (the loyalty module for
 * {@code LOYALTY_PROGRAM} cards and {@code REFERRAL_PROGRAM} rewards). Campaigns keep the campaign,
 * its codes and their publications; the implementing module keeps what the type adds (points,
 * tiers, rewards) and is asked here wherever a campaign or a code of its type is read or written. A
 * type the core does not run by itself ({@link CampaignType#supported} false) is accepted only
 * while an implementation for it exists. Every method runs in the caller's transaction; the
 * defaults do nothing.
 */
public interface CampaignTypeSupport {

  /** The {@code campaign_type} this implementation runs. */
  String campaignType();

  /**
   * Reads the type's part of a code template ({@code voucher} of a campaign body), e.g. {@code
   * loyalty_card}; throws a 400 naming the bad field. Empty when the type has no part of its own.
   */
  default Optional<ObjectNode> readTemplate(Body voucher, ObjectNode current) {
    return Optional.empty();
  }

  /** Checks a create or update body before anything is stored; throws a 400 to reject it. */
  default void check(ProjectId project, Body body) {}

  /** A campaign of the type was created (in the same transaction). */
  default void created(ProjectId project, Campaign campaign, Body body) {}

  /** A campaign of the type was updated (in the same transaction). */
  default void updated(ProjectId project, Campaign campaign, Body body) {}

  /** Adds the type's fields to the campaign JSON. */
  default void decorateCampaign(Campaign campaign, ObjectNode json) {}

  /** The code's value object for its type (e.g. {@code loyalty_card}), or empty. */
  default Optional<ObjectNode> voucherValue(Voucher voucher) {
    return Optional.empty();
  }

  /** {@code POST /v1/vouchers/{code}/balance} for a code of the type; empty if not supported. */
  default Optional<ObjectNode> changeBalance(ProjectId project, Voucher voucher, Body body) {
    return Optional.empty();
  }

  /** {@code GET /v1/vouchers/{code}/transactions} for a code of the type. */
  default List<ObjectNode> transactions(ProjectId project, Voucher voucher, int limit) {
    return List.of();
  }
}
