package dev.herald.segments;

import dev.herald.segments.FilterNode.Group;
import dev.herald.segments.FilterNode.Leaf;
import dev.herald.shared.ApiException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Parsed filters by segment id. A segment's filter never changes after creation, so a parse is kept
 * (bounded) and only compiled per use; compiling is cheap and lets many filters share one statement
 * with distinct placeholder prefixes.
 */
@Component
class SegmentFilters {

  private static final Logger log = LoggerFactory.getLogger(SegmentFilters.class);
  private static final int CACHE_SIZE = 10_000;

  private final FilterParser parser;
  private final Map<String, Group> parsed =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Group> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  SegmentFilters(FilterParser parser) {
    this.parser = parser;
  }

  /** Validates a new filter; a 400 naming the problem when it is wrong. */
  Group parse(JsonNode filter) {
    return parser.parse(filter);
  }

  /**
   * The stored segment's filter, or empty when it no longer parses (a field source was removed):
   * such a segment keeps its members and is logged, rather than failing every evaluation.
   */
  Optional<Group> of(Segment segment) {
    synchronized (parsed) {
      Group cached = parsed.get(segment.id());
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    try {
      Group group = parser.parse(segment.filter());
      synchronized (parsed) {
        parsed.put(segment.id(), group);
      }
      return Optional.of(group);
    } catch (ApiException e) {
      log.warn("Segment {} has a filter that no longer parses: {}", segment.id(), e.details());
      return Optional.empty();
    }
  }

  static Set<SegmentFieldSource> sources(FilterNode node) {
    Set<SegmentFieldSource> out = new LinkedHashSet<>();
    collect(node, out);
    return out;
  }

  private static void collect(FilterNode node, Set<SegmentFieldSource> out) {
    if (node instanceof Leaf leaf) {
      out.add(leaf.source());
    } else {
      ((Group) node).children().forEach(child -> collect(child, out));
    }
  }
}
