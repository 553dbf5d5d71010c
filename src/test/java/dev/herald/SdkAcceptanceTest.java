package dev.herald;

import dev.herald.support.HeraldTest;
import dev.herald.support.NodeSdk;
import org.junit.jupiter.api.Test;

/** The official {@code @voucherify/sdk@2.9.0} works against Herald unchanged. */
class SdkAcceptanceTest extends HeraldTest {

  @Test
  void customersAndEventsThroughTheSdk() {
    NodeSdk.run("customers.test.mjs", newProject());
  }

  @Test
  void promotionResourcesThroughTheSdk() {
    NodeSdk.run("promotions.test.mjs", newProject());
  }

  @Test
  void segmentsThroughTheSdk() {
    NodeSdk.run("segments.test.mjs", newProject());
  }

  @Test
  void loyaltiesRewardsAndReferralsThroughTheSdk() {
    NodeSdk.run("loyalties.test.mjs", newProject());
  }
}
