package dev.herald.segments;

import dev.herald.segments.FilterNode.Group;
import dev.herald.segments.FilterNode.Leaf;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A filter as one SQL boolean over the customer row aliased {@link #ALIAS}, with its placeholders.
 * Placeholder names carry {@code prefix}, so many compiled filters can share one statement.
 */
record CompiledFilter(String sql, SqlContext context, Set<SegmentFieldSource> sources) {

  static final String ALIAS = "c";

  static CompiledFilter compile(Group filter, String prefix) {
    SqlContext ctx = new SqlContext(prefix, ALIAS);
    Set<SegmentFieldSource> sources = new LinkedHashSet<>();
    String sql = node(filter, ctx, sources);
    return new CompiledFilter(sql, ctx, sources);
  }

  private static String node(FilterNode node, SqlContext ctx, Set<SegmentFieldSource> sources) {
    if (node instanceof Leaf leaf) {
      sources.add(leaf.source());
      return "(" + leaf.source().predicate(leaf.field(), leaf.condition(), ctx) + ")";
    }
    Group group = (Group) node;
    if (group.children().isEmpty()) {
      return "true";
    }
    return group.children().stream()
        .map(child -> node(child, ctx, sources))
        .collect(Collectors.joining(group.any() ? " or " : " and ", "(", ")"));
  }

  boolean timeDependent() {
    return context.timeDependent();
  }

  boolean needsMoment() {
    return context.needsMoment();
  }

  Map<String, Object> params(Moment moment) {
    return context.params(moment);
  }

  /** Whether a change of this event type may move a customer in or out. */
  boolean changedBy(String eventType) {
    return sources.stream().anyMatch(s -> s.isChangedBy(eventType));
  }
}
