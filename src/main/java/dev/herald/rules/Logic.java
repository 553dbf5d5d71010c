package dev.herald.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A rule set's {@code logic} expression: entry numbers joined by {@code and}, {@code or}, {@code
 * not} and parentheses ({@code "(1 and 2) or not 3"}). {@code and} binds tighter than {@code or}.
 * Parsed once; evaluated lazily, so an {@code or} stops at its first passing side.
 */
final class Logic {

  sealed interface Node permits Ref, And, Or, Not {}

  record Ref(String key) implements Node {}

  record And(Node left, Node right) implements Node {}

  record Or(Node left, Node right) implements Node {}

  record Not(Node inner) implements Node {}

  private final List<String> tokens;
  private int pos;

  private Logic(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Parses the expression; entries it names must be among {@code keys}. */
  static Node parse(String expression, Set<String> keys) {
    Logic parser = new Logic(tokenize(expression));
    if (parser.tokens.isEmpty()) {
      throw new IllegalArgumentException("logic is empty");
    }
    Node node = parser.or();
    if (parser.pos != parser.tokens.size()) {
      throw new IllegalArgumentException(
          "unexpected '" + parser.tokens.get(parser.pos) + "' in logic '" + expression + "'");
    }
    check(node, keys, expression);
    return node;
  }

  /** All entries joined with {@code and}, in key order: the meaning of a missing logic. */
  static Node allOf(List<String> keys) {
    Node node = new Ref(keys.get(0));
    for (int i = 1; i < keys.size(); i++) {
      node = new And(node, new Ref(keys.get(i)));
    }
    return node;
  }

  static boolean eval(Node node, Predicate<String> entry) {
    if (node instanceof Ref r) {
      return entry.test(r.key());
    }
    if (node instanceof And a) {
      return eval(a.left(), entry) && eval(a.right(), entry);
    }
    if (node instanceof Or o) {
      return eval(o.left(), entry) || eval(o.right(), entry);
    }
    return !eval(((Not) node).inner(), entry);
  }

  private static void check(Node node, Set<String> keys, String expression) {
    if (node instanceof Ref r && !keys.contains(r.key())) {
      throw new IllegalArgumentException(
          "logic '" + expression + "' names rule " + r.key() + ", which is not defined");
    } else if (node instanceof And a) {
      check(a.left(), keys, expression);
      check(a.right(), keys, expression);
    } else if (node instanceof Or o) {
      check(o.left(), keys, expression);
      check(o.right(), keys, expression);
    } else if (node instanceof Not n) {
      check(n.inner(), keys, expression);
    }
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int start = i;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
          i++;
        }
        out.add(s.substring(start, i).toLowerCase());
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in logic '" + s + "'");
      }
    }
    return out;
  }

  private Node or() {
    Node left = and();
    while (peek("or")) {
      pos++;
      left = new Or(left, and());
    }
    return left;
  }

  private Node and() {
    Node left = unary();
    while (peek("and")) {
      pos++;
      left = new And(left, unary());
    }
    return left;
  }

  private Node unary() {
    if (peek("not")) {
      pos++;
      return new Not(unary());
    }
    if (peek("(")) {
      pos++;
      Node inner = or();
      if (!peek(")")) {
        throw new IllegalArgumentException("missing ')' in logic");
      }
      pos++;
      return inner;
    }
    if (pos >= tokens.size()) {
      throw new IllegalArgumentException("logic ends too early");
    }
    String token = tokens.get(pos++);
    if (!token.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("expected a rule number in logic, got '" + token + "'");
    }
    return new Ref(token);
  }

  private boolean peek(String token) {
    return pos < tokens.size() && tokens.get(pos).equals(token);
  }
}
