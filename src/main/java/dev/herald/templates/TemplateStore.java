package dev.herald.templates;

import dev.herald.projects.ProjectId;
import dev.herald.shared.Ids;
import dev.herald.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Template versions: saving makes a new version only when the content changed; versions are
 * immutable, so their compiled form is cached by (id, version) on every node without invalidation.
 */
@Component
class TemplateStore {

  private static final int CACHE_LIMIT = 20_000;

  private final TemplateRepository repository;
  private final Clock clock;
  private final Map<String, Object> compiled = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> contents = new ConcurrentHashMap<>();

  TemplateStore(TemplateRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Transactional
  public TemplateRef save(ProjectId project, String existingId, String channel, JsonNode content) {
    Instant now = clock.instant();
    if (existingId != null) {
      Optional<TemplateRepository.Version> latest = repository.lockLatest(project, existingId);
      if (latest.isPresent() && latest.get().channel().equals(channel)) {
        TemplateRepository.Version v = latest.get();
        if (content.equals(v.content())) {
          return new TemplateRef(existingId, v.version());
        }
        repository.insertVersion(existingId, v.version() + 1, project, content, now);
        return new TemplateRef(existingId, v.version() + 1);
      }
    }
    String id = Ids.newId("tpl_");
    repository.insertTemplate(id, project, channel, now);
    repository.insertVersion(id, 1, project, content, now);
    return new TemplateRef(id, 1);
  }

  Optional<JsonNode> content(ProjectId project, TemplateRef ref) {
    String key = project.value() + ":" + ref.id() + ":" + ref.version();
    JsonNode cached = contents.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<JsonNode> loaded =
        repository
            .version(project, ref.id(), ref.version())
            .map(TemplateRepository.Version::content);
    loaded.ifPresent(c -> remember(contents, key, c));
    return loaded;
  }

  EmailTemplate email(ProjectId project, TemplateRef ref) {
    return (EmailTemplate) compiled(project, ref, c -> EmailTemplateParser.load((ObjectNode) c));
  }

  SmsTemplate sms(ProjectId project, TemplateRef ref) {
    return (SmsTemplate)
        compiled(
            project,
            ref,
            c ->
                SmsTemplate.parse(
                    dev.herald.shared.web.Body.of(c, "invalid_template"), null, false, false));
  }

  private Object compiled(
      ProjectId project, TemplateRef ref, java.util.function.Function<JsonNode, Object> compile) {
    String key = project.value() + ":" + ref.id() + ":" + ref.version();
    Object hit = compiled.get(key);
    if (hit != null) {
      return hit;
    }
    JsonNode content =
        content(project, ref)
            .orElseThrow(
                () ->
                    new TemplateException(
                        "template " + ref.id() + " version " + ref.version() + " does not exist"));
    Object made = compile.apply(content.isObject() ? content : Json.object());
    remember(compiled, key, made);
    return made;
  }

  private static <T> void remember(Map<String, T> cache, String key, T value) {
    if (cache.size() > CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
  }

  java.util.List<TemplateRepository.Version> versions(ProjectId project, String id) {
    return repository.versions(project, id);
  }
}
