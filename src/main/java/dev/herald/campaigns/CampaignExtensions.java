package dev.herald.campaigns;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the {@link CampaignTypeSupport} of a campaign type. Looked up at call time: the
 * implementations use this module's facades, so taking them in a constructor would be a cycle.
 */
@Component
class CampaignExtensions {

  private final Supplier<List<CampaignTypeSupport>> all;

  CampaignExtensions(ObjectProvider<CampaignTypeSupport> all) {
    this.all = SingletonSupplier.of(() -> all.orderedStream().toList());
  }

  Optional<CampaignTypeSupport> of(String campaignType) {
    return all.get().stream().filter(s -> s.campaignType().equals(campaignType)).findFirst();
  }

  /** The support of the campaign a code belongs to, found by the code's type. */
  Optional<CampaignTypeSupport> ofVoucher(Voucher v) {
    return "LOYALTY_CARD".equals(v.type()) ? of("LOYALTY_PROGRAM") : Optional.empty();
  }

  boolean runs(CampaignType type) {
    return type.supported || of(type.name()).isPresent();
  }
}
