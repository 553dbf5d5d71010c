package dev.herald.projects;

import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import dev.herald.shared.web.Body;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** Projects and their keys: authentication, creation, key rotation, settings. */
@Service
public class Projects {

  static final List<String> BRAND_FIELDS =
      List.of(
          "name",
          "email",
          "phone",
          "website",
          "privacy_url",
          "terms_url",
          "logo_url",
          "permission_reminder");
  static final List<String> ADDRESS_FIELDS =
      List.of("line_1", "line_2", "city", "postal_code", "state", "country");
  private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(30);

  private final ProjectRepository repository;
  private final Clock clock;
  private final Map<String, CachedKey> keyCache = new ConcurrentHashMap<>();

  Projects(ProjectRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  private record CachedKey(Optional<ProjectRepository.KeyRow> row, long loadedAtNanos) {}

  /** The project whose active key matches, compared in constant time. */
  public Optional<ProjectId> authenticate(String appId, String token) {
    if (appId == null || token == null || appId.isBlank() || token.isBlank()) {
      return Optional.empty();
    }
    CachedKey cached = keyCache.get(appId);
    if (cached == null || System.nanoTime() - cached.loadedAtNanos() > KEY_CACHE_TTL.toNanos()) {
      cached = new CachedKey(repository.activeKey(appId), System.nanoTime());
      if (keyCache.size() > 10_000) {
        keyCache.clear();
      }
      keyCache.put(appId, cached);
    }
    return cached
        .row()
        .filter(
            row ->
                MessageDigest.isEqual(
                    row.tokenHash().getBytes(StandardCharsets.US_ASCII),
                    hash(token).getBytes(StandardCharsets.US_ASCII)))
        .map(row -> new ProjectId(row.projectId()));
  }

  public Project get(ProjectId id) {
    return repository.find(id).orElseThrow(() -> ApiException.notFound("project", id.value()));
  }

  public ZoneId timeZone(ProjectId id) {
    return get(id).timeZone();
  }

  public List<Project> list() {
    return repository.all();
  }

  /** Creates a project with the given keys, or random ones when they are null. */
  @Transactional
  public ProjectKeys create(String name, String appId, String appToken) {
    Instant now = clock.instant();
    ProjectId id = new ProjectId(Ids.newId("proj_"));
    repository.insert(
        new Project(
            id,
            name,
            ZoneId.of("UTC"),
            newWebhookSecret(),
            Json.object(),
            Json.object(),
            now,
            now));
    return addKey(id, appId, appToken, now);
  }

  /**
   * On a database without any project, creates the default one (concurrent nodes agree through an
   * advisory lock). Returns the keys when it created them.
   */
  @Transactional
  public Optional<ProjectKeys> bootstrap(String appId, String appToken) {
    repository.lockBootstrap();
    if (repository.any()) {
      return Optional.empty();
    }
    return Optional.of(create("Default project", appId, appToken));
  }

  /** Revokes the project's keys and issues a new pair. */
  @Transactional
  public ProjectKeys rotateKeys(ProjectId id) {
    get(id);
    Instant now = clock.instant();
    repository.revokeKeys(id, now);
    keyCache.clear();
    return addKey(id, null, null, now);
  }

  private ProjectKeys addKey(ProjectId id, String appId, String appToken, Instant now) {
    String key = appId == null || appId.isBlank() ? UUID.randomUUID().toString() : appId;
    String token = appToken == null || appToken.isBlank() ? UUID.randomUUID().toString() : appToken;
    repository.insertKey(id, key, hash(token), now);
    keyCache.remove(key);
    return new ProjectKeys(id, key, token);
  }

  /** Partial update of name, time zone, brand and limits. */
  @Transactional
  public Project update(ProjectId id, Body body) {
    Project current = get(id);
    String name = body.string("name").orElse(current.name());
    if (name.isBlank()) {
      throw body.invalid("name", "must not be blank");
    }
    ZoneId zone =
        body.string("time_zone")
            .map(
                tz -> {
                  try {
                    return ZoneId.of(tz);
                  } catch (DateTimeException e) {
                    throw body.invalid("time_zone", "is not a known time zone (got '" + tz + "')");
                  }
                })
            .orElse(current.timeZone());
    ObjectNode brand = current.brand().deepCopy();
    body.object("brand").ifPresent(b -> mergeBrand(b, brand));
    ObjectNode settings = current.settings().deepCopy();
    body.object("limits").ifPresent(l -> mergeLimits(l, settings.withObjectProperty("limits")));
    Project updated =
        new Project(
            id,
            name,
            zone,
            current.webhookSecret(),
            brand,
            settings,
            current.createdAt(),
            clock.instant());
    repository.update(updated);
    return updated;
  }

  /** Replaces one named section of the project's settings (integrations and the like). */
  @Transactional
  public Project updateSettings(ProjectId id, String section, ObjectNode value) {
    Project current = get(id);
    ObjectNode settings = current.settings().deepCopy();
    settings.set(section, value);
    Project updated =
        new Project(
            id,
            current.name(),
            current.timeZone(),
            current.webhookSecret(),
            current.brand(),
            settings,
            current.createdAt(),
            clock.instant());
    repository.update(updated);
    return updated;
  }

  private static void mergeBrand(Body b, ObjectNode brand) {
    for (String field : BRAND_FIELDS) {
      if (b.has(field)) {
        b.string(field).ifPresentOrElse(v -> brand.put(field, v), () -> brand.putNull(field));
      }
    }
    if (b.has("address")) {
      ObjectNode address = brand.withObjectProperty("address");
      b.object("address")
          .ifPresentOrElse(
              a -> {
                for (String field : ADDRESS_FIELDS) {
                  if (a.has(field)) {
                    a.string(field)
                        .ifPresentOrElse(v -> address.put(field, v), () -> address.putNull(field));
                  }
                }
              },
              () -> brand.putNull("address"));
    }
  }

  private static void mergeLimits(Body l, ObjectNode limits) {
    for (String field : List.of("messages_per_day", "messages_per_month")) {
      if (l.has(field)) {
        Optional<Long> value = l.integer(field);
        if (value.isPresent() && value.get() < 0) {
          throw l.invalid(field, "must be 0 or more (null = unlimited)");
        }
        value.ifPresentOrElse(v -> limits.put(field, v), () -> limits.putNull(field));
      }
    }
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newWebhookSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }
}
