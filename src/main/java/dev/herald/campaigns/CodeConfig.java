package dev.herald.campaigns;

import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.math.BigInteger;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a campaign's codes look: {@code prefix + random + postfix}, or a {@code pattern} whose {@code
 * #} are random characters (the pattern overrides {@code length}). The charset defaults to {@code
 * 0-9a-zA-Z}; Voucherify's name {@code postfix} and the SDK's {@code suffix} are both read.
 */
public record CodeConfig(
    int length, String charset, String prefix, String postfix, String pattern) {

  public static final String ALPHANUMERIC =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final int MAX_LENGTH = 100;

  public static CodeConfig defaults() {
    return new CodeConfig(8, ALPHANUMERIC, "", "", null);
  }

  /** Reads and checks a {@code code_config}; 400 {@code invalid_code_config} when unusable. */
  public static CodeConfig from(Body body) {
    try {
      int length = body.integer("length").map(Long::intValue).orElse(8);
      String charset = expand(body.string("charset").orElse(ALPHANUMERIC));
      String prefix = body.string("prefix").orElse("");
      String postfix = body.string("postfix").or(() -> body.string("suffix")).orElse("");
      String pattern = body.string("pattern").orElse(null);
      CodeConfig config = new CodeConfig(length, charset, prefix, postfix, pattern);
      config.check();
      return config;
    } catch (ApiException e) {
      throw ApiException.badRequest("invalid_code_config", e.details());
    }
  }

  public static CodeConfig fromJson(tools.jackson.databind.JsonNode node) {
    if (node == null || !node.isObject()) {
      return defaults();
    }
    return from(Body.of(node, "invalid_code_config"));
  }

  private void check() {
    if (charset.isEmpty()) {
      throw bad("charset must not be empty");
    }
    if (charset.chars().distinct().count() != charset.length()) {
      throw bad("charset must not repeat characters");
    }
    if (pattern != null) {
      if (pattern.indexOf('#') < 0) {
        throw bad("pattern must contain at least one # (a random character)");
      }
      if (pattern.length() > MAX_LENGTH) {
        throw bad("pattern must be at most " + MAX_LENGTH + " characters");
      }
    } else if (length < 1 || length > MAX_LENGTH) {
      throw bad("length must be between 1 and " + MAX_LENGTH);
    }
    if (prefix.length() + postfix.length() + randomPositions() > 255) {
      throw bad("codes would be longer than 255 characters");
    }
  }

  private static ApiException bad(String details) {
    return ApiException.badRequest("invalid_code_config", "code_config." + details);
  }

  /** Expands ranges such as {@code A-Z0-9}, as some integrations send them. */
  private static String expand(String charset) {
    if (charset.length() >= 3 && charset.matches("([A-Za-z0-9]-[A-Za-z0-9])+")) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i + 2 < charset.length() + 1; i += 3) {
        for (char c = charset.charAt(i); c <= charset.charAt(i + 2); c++) {
          out.append(c);
        }
      }
      return out.toString();
    }
    return charset;
  }

  int randomPositions() {
    return pattern == null ? length : (int) pattern.chars().filter(c -> c == '#').count();
  }

  /** How many distinct codes this config can make. */
  public BigInteger capacity() {
    return BigInteger.valueOf(charset.length()).pow(randomPositions());
  }

  public String generate(Random random) {
    StringBuilder out = new StringBuilder(prefix);
    if (pattern == null) {
      for (int i = 0; i < length; i++) {
        out.append(charset.charAt(random.nextInt(charset.length())));
      }
    } else {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        out.append(c == '#' ? charset.charAt(random.nextInt(charset.length())) : c);
      }
    }
    return out.append(postfix).toString();
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.object();
    out.put("length", pattern == null ? length : randomPositions());
    out.put("charset", charset);
    out.put("prefix", prefix);
    out.put("postfix", postfix);
    out.put("pattern", pattern);
    return out;
  }
}
