package dev.herald.segments;

import java.util.List;

/** A parsed, validated filter: groups joined by and/or, and leaves of one operator each. */
sealed interface FilterNode permits FilterNode.Group, FilterNode.Leaf {

  /** {@code any}: the children are joined by {@code or}; otherwise by {@code and}. */
  record Group(boolean any, List<FilterNode> children) implements FilterNode {
    public Group {
      children = List.copyOf(children);
    }
  }

  record Leaf(SegmentFieldSource source, SegmentField field, Condition condition)
      implements FilterNode {}
}
