package dev.herald.campaigns;

import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes a campaign's codes from its template, many per statement. Codes are drawn from a
 * cryptographic random source (codes must not be guessable) and are unique in the project: a
 * collision is skipped by the unique index and drawn again.
 */
@Component
class CodeGenerator {

  static final int BATCH = 5_000;
  private static final int MAX_ROUNDS_WITHOUT_PROGRESS = 20;

  private final VoucherRepository vouchers;
  private final Random random = new SecureRandom();

  CodeGenerator(VoucherRepository vouchers) {
    this.vouchers = vouchers;
  }

  /** 400 {@code invalid_code_config} when the config cannot make {@code count} distinct codes. */
  static void checkCapacity(CodeConfig config, long count) {
    if (config.capacity().compareTo(BigInteger.valueOf(count)) < 0) {
      throw ApiException.badRequest(
          "invalid_code_config",
          "code_config can make only "
              + config.capacity()
              + " distinct codes, fewer than the "
              + count
              + " asked for");
    }
  }

  /** Inserts exactly {@code count} new codes (at most {@link #BATCH} per statement). */
  int generate(Campaign c, int count, Instant now) {
    CodeConfig config = c.codeConfig();
    int made = 0;
    int idle = 0;
    while (made < count) {
      int want = Math.min(BATCH, count - made);
      Set<String> codes = new LinkedHashSet<>();
      while (codes.size() < want) {
        codes.add(config.generate(random));
      }
      List<String> ids = new ArrayList<>(want);
      List<String> keys = new ArrayList<>(want);
      for (int i = 0; i < want; i++) {
        ids.add(Ids.newId("v_"));
        keys.add(Ids.newKey());
      }
      int inserted =
          vouchers.insertBatch(template(c, null, now), ids, new ArrayList<>(codes), keys);
      made += inserted;
      idle = inserted == 0 ? idle + 1 : 0;
      if (idle >= MAX_ROUNDS_WITHOUT_PROGRESS) {
        throw ApiException.badRequest(
            "invalid_code_config",
            "code_config of campaign " + c.name() + " has run out of unused codes");
      }
    }
    return made;
  }

  /** One new code of the campaign, already held by {@code holder} (AUTO_UPDATE publishing). */
  Voucher generateHeld(Campaign c, String holder, Instant now, Instant expiresAt) {
    CodeConfig config = c.codeConfig();
    for (int attempt = 0; attempt < 50; attempt++) {
      Voucher v = template(c, config.generate(random), now);
      Voucher held =
          new Voucher(
              v.id(),
              v.projectId(),
              v.campaignId(),
              v.code(),
              v.type(),
              v.category(),
              v.discount(),
              v.giftAmount(),
              v.giftBalance(),
              v.giftEffect(),
              new Validity(null, expiresAt, null, null, null),
              v.active(),
              v.additionalInfo(),
              v.metadata(),
              v.referralCode(),
              holder,
              now,
              1,
              v.redemptionQuantity(),
              0,
              v.assetKey(),
              now,
              null);
      Optional<Voucher> inserted = vouchers.insert(held);
      if (inserted.isPresent()) {
        return inserted.get();
      }
    }
    throw ApiException.badRequest(
        "invalid_code_config",
        "code_config of campaign " + c.name() + " has run out of unused codes");
  }

  /**
   * A new voucher of campaign {@code c} with the campaign's value (code may be null in batches).
   */
  static Voucher template(Campaign c, String code, Instant now) {
    JsonNode t = c.voucher() == null ? Json.object() : c.voucher();
    String type = t.path("type").asString(CampaignType.valueOf(c.campaignType()).voucherType);
    Long gift =
        t.path("gift").path("amount").isNumber() ? t.get("gift").get("amount").asLong() : null;
    JsonNode quantity = t.path("redemption").path("quantity");
    return new Voucher(
        Ids.newId("v_"),
        c.projectId(),
        c.id(),
        code,
        type,
        c.category(),
        t.has("discount") && !t.get("discount").isNull() ? t.get("discount") : null,
        gift,
        gift,
        t.path("gift").path("effect").asString(null),
        Validity.NONE,
        true,
        null,
        Json.object(),
        t.path("is_referral_code").asBoolean(false),
        null,
        null,
        0,
        quantity.isNumber() ? quantity.asInt() : null,
        0,
        Ids.newKey(),
        now,
        null);
  }
}
