package dev.herald.loyalty;

import dev.herald.campaigns.Campaign;
import dev.herald.campaigns.Campaigns;
import dev.herald.campaigns.Voucher;
import dev.herald.campaigns.Vouchers;
import dev.herald.customers.Customer;
import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.shared.ApiException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds loyalty cards by code and builds their {@link CardContext}. */
@Component
class CardContexts {

  private final Vouchers vouchers;
  private final Campaigns campaigns;
  private final Customers customers;
  private final Projects projects;

  CardContexts(Vouchers vouchers, Campaigns campaigns, Customers customers, Projects projects) {
    this.vouchers = vouchers;
    this.campaigns = campaigns;
    this.customers = customers;
    this.projects = projects;
  }

  Vouchers vouchers() {
    return vouchers;
  }

  Campaigns campaigns() {
    return campaigns;
  }

  Customers customers() {
    return customers;
  }

  /** The card with this code (or id) in the program, if it is one; 404 otherwise. */
  CardContext member(ProjectId project, String campaignIdOrName, String code) {
    CardContext card = card(project, code);
    if (campaignIdOrName != null) {
      Campaign program = programOf(project, campaignIdOrName);
      if (!program.id().equals(card.program.id())) {
        throw ApiException.notFound("voucher", code);
      }
    }
    return card;
  }

  /** The loyalty card with this code (or id); 404 when there is no such loyalty card. */
  CardContext card(ProjectId project, String code) {
    Voucher v =
        vouchers
            .byCode(project, code)
            .filter(x -> "LOYALTY_CARD".equals(x.type()))
            .orElseThrow(() -> ApiException.notFound("voucher", code));
    return of(project, v).orElseThrow(() -> ApiException.notFound("voucher", code));
  }

  /** The context of a loyalty card, empty when its program no longer exists. */
  Optional<CardContext> of(ProjectId project, Voucher v) {
    if (v.campaignId() == null) {
      return Optional.empty();
    }
    return campaigns
        .findOptional(project, v.campaignId())
        .filter(c -> "LOYALTY_PROGRAM".equals(c.campaignType()))
        .map(
            program -> {
              Customer holder =
                  v.holderId() == null ? null : customers.find(project, v.holderId()).orElse(null);
              return new CardContext(project, v, program, holder, projects.timeZone(project), this);
            });
  }

  /** A loyalty program by id or name; 404 when it is not one. */
  Campaign programOf(ProjectId project, String idOrName) {
    return campaigns
        .findOptional(project, idOrName)
        .filter(c -> "LOYALTY_PROGRAM".equals(c.campaignType()))
        .orElseThrow(() -> ApiException.notFound("campaign", idOrName));
  }

  /** A referral program by id or name, if it is one. */
  Optional<Campaign> campaign(ProjectId project, String idOrName) {
    return campaigns.findOptional(project, idOrName);
  }
}
