package dev.herald.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code {{path | filter: "arg" | ...}}} of an email or SMS template, parsed. Paths are dotted
 * ({@code customer.metadata.tier}); filters format the value ({@code money}, {@code date}, {@code
 * upper}, {@code lower}, {@code default: "text"}).
 */
record Placeholder(String path, List<Filter> filters) {

  static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*");
  static final List<String> FILTERS =
      List.of("money", "date", "datetime", "upper", "lower", "default");

  record Filter(String name, String argument) {}

  /** Parses the text between the braces; throws naming the problem. */
  static Placeholder parse(String inside) {
    List<String> parts = split(inside);
    String path = parts.get(0).trim();
    if (!PATH.matcher(path).matches()) {
      throw new TemplateException("'{{" + inside.trim() + "}}' is not a variable path");
    }
    List<Filter> filters = new ArrayList<>();
    for (String raw : parts.subList(1, parts.size())) {
      filters.add(filter(inside, raw.trim()));
    }
    return new Placeholder(path, List.copyOf(filters));
  }

  private static Filter filter(String inside, String raw) {
    int colon = raw.indexOf(':');
    String name = (colon < 0 ? raw : raw.substring(0, colon)).trim();
    if (!FILTERS.contains(name)) {
      throw new TemplateException(
          "'{{"
              + inside.trim()
              + "}}' uses unknown filter '"
              + name
              + "' (known: "
              + String.join(", ", FILTERS)
              + ")");
    }
    String argument = null;
    if (colon >= 0) {
      String arg = raw.substring(colon + 1).trim();
      if (arg.length() < 2 || arg.charAt(0) != '"' || arg.charAt(arg.length() - 1) != '"') {
        throw new TemplateException(
            "'{{" + inside.trim() + "}}': the argument of " + name + " must be in double quotes");
      }
      argument = arg.substring(1, arg.length() - 1);
    }
    if (name.equals("default") && argument == null) {
      throw new TemplateException(
          "'{{" + inside.trim() + "}}': default needs a value: default: \"text\"");
    }
    return new Filter(name, argument);
  }

  /** Splits on {@code |} outside double quotes. */
  private static List<String> split(String inside) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '|' && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new TemplateException("'{{" + inside.trim() + "}}' has an unclosed quote");
    }
    out.add(current.toString());
    return out;
  }
}
