package dev.herald.templates;

/** The two small pages of the unsubscribe link. */
final class UnsubscribePage {

  private UnsubscribePage() {}

  static String confirm(String brand, boolean already) {
    return page(
        brand,
        already
            ? "<p>You are already unsubscribed from "
                + Html.escape(brand)
                + " marketing messages.</p>"
            : "<p>Stop receiving marketing messages from "
                + Html.escape(brand)
                + "?</p><form method=\"post\"><button type=\"submit\" style=\"padding:10px 20px;"
                + "font-size:16px;border:0;border-radius:4px;background:#222;color:#fff;cursor:pointer\">"
                + "Unsubscribe</button></form>");
  }

  static String done(String brand, boolean preview) {
    return page(
        brand,
        preview
            ? "<p>This is a preview link: nothing was changed.</p>"
            : "<p>You are unsubscribed. You will not receive marketing messages from "
                + Html.escape(brand)
                + " anymore.</p>");
  }

  private static String page(String brand, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
        + "<meta name=\"robots\" content=\"noindex\" /><title>Unsubscribe · "
        + Html.escape(brand)
        + "</title></head><body style=\"margin:0;background:#f4f4f4;font-family:Arial,Helvetica,"
        + "sans-serif;color:#222\"><div style=\"max-width:480px;margin:48px auto;padding:24px;"
        + "background:#fff;border:1px solid #e5e5e5;border-radius:8px;text-align:center\"><h1 "
        + "style=\"font-size:20px\">"
        + Html.escape(brand)
        + "</h1>"
        + body
        + "</div></body></html>";
  }
}
