package dev.herald.templates;

import dev.herald.projects.ProjectId;
import dev.herald.shared.web.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Links customers open without an API key (code images, the cockpit, unsubscribe). A link carries
 * its facts (project, customer or code) encrypted and authenticated with AES-256-GCM under a
 * database-wide secret; the nonce is an HMAC-SHA256 of the content, so the same facts always give
 * the same URL (images cache) while nobody can read, enumerate or forge one.
 */
@Component
class PublicLinks {

  enum Kind {
    QR('q'),
    BARCODE('b'),
    COCKPIT('c'),
    UNSUBSCRIBE('u');

    final char tag;

    Kind(char tag) {
      this.tag = tag;
    }

    static Optional<Kind> of(char tag) {
      return Arrays.stream(values()).filter(k -> k.tag == tag).findFirst();
    }
  }

  /** A verified link: what it is about. */
  record Link(Kind kind, ProjectId project, List<String> values) {}

  private static final char SEPARATOR = '\u001f';

  private final LinkKeyRepository keys;
  private final PublicUrl publicUrl;
  private volatile SecretKeySpec encryptionKey;
  private volatile SecretKeySpec nonceKey;
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PublicLinks::newCipher);
  private final ThreadLocal<Mac> nonceMacs = ThreadLocal.withInitial(this::newNonceMac);

  /**
   * Tokens made lately: a token is a pure function of its facts (deterministic nonce), and the same
   * customer's links are made several times per event (each JSON snapshot of the customer).
   */
  private final Map<String, String> recentTokens = new ConcurrentHashMap<>();

  private static final int RECENT_TOKENS = 10_000;

  PublicLinks(LinkKeyRepository keys, PublicUrl publicUrl) {
    this.keys = keys;
    this.publicUrl = publicUrl;
  }

  String url(String path, Kind kind, ProjectId project, String... values) {
    return publicUrl.base() + path + token(kind, project, values);
  }

  String token(Kind kind, ProjectId project, String... values) {
    StringBuilder plain = new StringBuilder().append(kind.tag).append(project.value());
    for (String v : values) {
      plain.append(SEPARATOR).append(v == null ? "" : v);
    }
    String facts = plain.toString();
    String known = recentTokens.get(facts);
    if (known != null) {
      return known;
    }
    String made = seal(facts.getBytes(StandardCharsets.UTF_8));
    if (recentTokens.size() >= RECENT_TOKENS) {
      recentTokens.clear();
    }
    recentTokens.put(facts, made);
    return made;
  }

  private String seal(byte[] content) {
    try {
      byte[] nonce = Arrays.copyOf(nonceMacs.get().doFinal(content), 12);
      Cipher cipher = ciphers.get();
      try {
        cipher.init(Cipher.ENCRYPT_MODE, encryptionKey(), new GCMParameterSpec(128, nonce));
      } catch (java.security.InvalidAlgorithmParameterException sameNonceAsLastTime) {
        // GCM refuses to reuse the last key and nonce on one Cipher; the same link again is
        // exactly that (deterministic nonce), and a fresh Cipher makes the same token.
        cipher = newCipher();
        ciphers.set(cipher);
        cipher.init(Cipher.ENCRYPT_MODE, encryptionKey(), new GCMParameterSpec(128, nonce));
      }
      byte[] sealed = cipher.doFinal(content);
      byte[] token = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, token, 0, nonce.length);
      System.arraycopy(sealed, 0, token, nonce.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The link's facts, or empty when the token was not made here (or was altered). */
  Optional<Link> verify(String token) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length < 12 + 16 + 2) {
      return Optional.empty();
    }
    try {
      Cipher cipher = ciphers.get();
      cipher.init(
          Cipher.DECRYPT_MODE,
          encryptionKey(),
          new GCMParameterSpec(128, Arrays.copyOfRange(raw, 0, 12)));
      String plain = new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
      Optional<Kind> kind = Kind.of(plain.charAt(0));
      if (kind.isEmpty()) {
        return Optional.empty();
      }
      List<String> parts = Arrays.asList(plain.substring(1).split(String.valueOf(SEPARATOR), -1));
      return Optional.of(
          new Link(kind.get(), new ProjectId(parts.get(0)), parts.subList(1, parts.size())));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Mac newNonceMac() {
    try {
      return mac(nonceKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Mac mac(SecretKeySpec key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(key);
    return mac;
  }

  private SecretKeySpec encryptionKey() {
    if (encryptionKey == null) {
      derive();
    }
    return encryptionKey;
  }

  private SecretKeySpec nonceKey() {
    if (nonceKey == null) {
      derive();
    }
    return nonceKey;
  }

  private synchronized void derive() {
    if (encryptionKey != null) {
      return;
    }
    try {
      SecretKeySpec master = new SecretKeySpec(keys.secret(), "HmacSHA256");
      nonceKey =
          new SecretKeySpec(
              mac(master).doFinal("herald public link nonce".getBytes(StandardCharsets.UTF_8)),
              "HmacSHA256");
      encryptionKey =
          new SecretKeySpec(
              mac(master).doFinal("herald public link key".getBytes(StandardCharsets.UTF_8)),
              "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
