package dev.herald.shared.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores a payload without the copies it carries of itself. Voucherify's payloads repeat whole
 * objects: a publication event's {@code data.publication} holds the same customer and voucher as
 * {@code data.customer} and {@code data.voucher}, and a message's variable snapshot does too. In
 * storage such a nested copy of a top-level member is written as {@code {"$same": "customer"}};
 * reading puts the copy back, so readers see the payload as it was made.
 *
 * <p>Only objects one level below a top-level member (a field, or an element of an array field) are
 * replaced, and only by a top-level member of at least {@value #MIN_FIELDS} fields that they equal.
 * SQL reading top-level members (e.g. {@code context #> '{data,voucher}'}) is unaffected.
 */
public final class SameAs {

  static final String MARK = "$same";
  static final int MIN_FIELDS = 4;

  private SameAs() {}

  /**
   * {@code data} with nested copies of its members marked; {@code data} itself is not changed
   * (members holding a copy are copied one level deep).
   */
  public static ObjectNode compact(ObjectNode data) {
    List<Member> members = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (e.getValue() instanceof ObjectNode o && o.size() >= MIN_FIELDS) {
        members.add(new Member(e.getKey(), o));
      }
    }
    if (members.size() < 2) {
      return data;
    }
    ObjectNode out = null;
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (!(e.getValue() instanceof ObjectNode member)) {
        continue;
      }
      ObjectNode compacted = compactMember(e.getKey(), member, members);
      if (compacted != member) {
        if (out == null) {
          out = Json.object().setAll(data);
        }
        out.set(e.getKey(), compacted);
      }
    }
    return out == null ? data : out;
  }

  /** A top-level member a nested object may be a copy of. */
  private record Member(String name, ObjectNode node) {}

  private static ObjectNode compactMember(String key, ObjectNode member, List<Member> members) {
    ObjectNode out = member;
    for (Map.Entry<String, JsonNode> f : member.properties()) {
      JsonNode value = f.getValue();
      JsonNode replaced = value;
      if (value instanceof ObjectNode o) {
        replaced = mark(key, o, members);
      } else if (value instanceof ArrayNode a) {
        ArrayNode copy = null;
        for (int i = 0; i < a.size(); i++) {
          JsonNode m = a.get(i) instanceof ObjectNode o ? mark(key, o, members) : a.get(i);
          if (m != a.get(i)) {
            if (copy == null) {
              copy = Json.array();
              a.forEach(copy::add);
            }
            copy.set(i, m);
          }
        }
        replaced = copy == null ? a : copy;
      }
      if (replaced != value) {
        if (out == member) {
          out = Json.object().setAll(member);
        }
        out.set(f.getKey(), replaced);
      }
    }
    return out;
  }

  /**
   * The mark for {@code value} if it is (a copy of) another member. Only members of its size are
   * compared whole: cheap, where hashing would walk every nested object.
   */
  private static JsonNode mark(String holder, ObjectNode value, List<Member> members) {
    int size = value.size();
    if (size < MIN_FIELDS) {
      return value;
    }
    for (Member m : members) {
      if (m.node().size() == size
          && !m.name().equals(holder)
          && (m.node() == value || m.node().equals(value))) {
        return Json.object().put(MARK, m.name());
      }
    }
    return value;
  }

  /** Puts the marked copies back, in place; returns {@code data}. */
  public static ObjectNode expand(ObjectNode data) {
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (!(e.getValue() instanceof ObjectNode member)) {
        continue;
      }
      for (Map.Entry<String, JsonNode> f : member.properties()) {
        JsonNode value = f.getValue();
        if (value instanceof ObjectNode o) {
          JsonNode original = original(data, o);
          if (original != null) {
            f.setValue(original);
          }
        } else if (value instanceof ArrayNode a) {
          for (int i = 0; i < a.size(); i++) {
            JsonNode original = a.get(i) instanceof ObjectNode o ? original(data, o) : null;
            if (original != null) {
              a.set(i, original);
            }
          }
        }
      }
    }
    return data;
  }

  private static JsonNode original(ObjectNode data, ObjectNode maybeMark) {
    JsonNode name = maybeMark.get(MARK);
    if (maybeMark.size() != 1 || name == null || !name.isString()) {
      return null;
    }
    JsonNode member = data.get(name.asString());
    return member instanceof ObjectNode o ? o.deepCopy() : null;
  }
}
