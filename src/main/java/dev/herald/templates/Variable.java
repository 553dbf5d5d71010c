package dev.herald.templates;

/**
 * A variable a message template may use: its {@code {{path}}}, a label for the editor, its kind
 * ({@code text, number, money, date, url, image, email, phone}) and its group. A path ending in
 * {@code .*} stands for any key below it ({@code customer.metadata.*}).
 */
public record Variable(String path, String label, String kind, String group) {

  public boolean wildcard() {
    return path.endsWith(".*");
  }

  boolean matches(String used) {
    if (wildcard()) {
      String prefix = path.substring(0, path.length() - 1);
      return used.startsWith(prefix) && used.length() > prefix.length();
    }
    return path.equals(used);
  }
}
