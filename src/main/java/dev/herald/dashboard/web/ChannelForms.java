package dev.herald.dashboard.web;

import static dev.herald.dashboard.web.WizardForms.all;
import static dev.herald.dashboard.web.WizardForms.one;

import dev.herald.shared.ApiException;
import dev.herald.shared.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 3: the channel editors' fields to channel JSON (email blocks, SMS text, webhook URL, headers
 * and payload design, Mailchimp and Braze mappings), and block edits (add, move, remove) done by
 * the server so the editor works without scripts.
 */
final class ChannelForms {

  static final List<String> BLOCK_FIELDS =
      List.of("type", "html", "show", "label", "href", "src", "alt");

  private ChannelForms() {}

  /** The channels ticked in the form, in catalog order, keeping the ids of existing ones. */
  static ArrayNode channels(MultiValueMap<String, String> f, List<String> allowed, String op) {
    ArrayNode out = Json.array();
    for (String type : allowed) {
      if (!all(f, "channel").contains(type)) {
        continue;
      }
      ObjectNode c = Json.object();
      c.put("type", type);
      String id = one(f, "channel_id." + type);
      if (id != null) {
        c.put("id", id);
      }
      switch (type) {
        case "email" -> c.set("template", email(f, op));
        case "sms" -> c.set("template", Json.object().put("text", text(f, "sms.text")));
        case "webhook" -> webhook(f, c);
        case "mailchimp" -> {
          putIf(c, "list_id", one(f, "mailchimp.list_id"));
          putIf(c, "merge_tag", one(f, "mailchimp.merge_tag"));
        }
        default -> putIf(c, "attribute", one(f, "braze.attribute"));
      }
      out.add(c);
    }
    return out;
  }

  static ObjectNode email(MultiValueMap<String, String> f, String op) {
    ObjectNode t = Json.object();
    t.put("subject", text(f, "email.subject"));
    putIf(t, "preheader", one(f, "email.preheader"));
    t.put("format", "blocks");
    List<Map<String, String>> blocks = blocks(f);
    edit(blocks, op);
    ArrayNode out = t.putArray("blocks");
    for (Map<String, String> b : blocks) {
      ObjectNode block = Json.object();
      String type = b.get("type");
      block.put("type", type);
      switch (type) {
        case "text" -> block.put("html", b.getOrDefault("html", ""));
        case "code" -> block.put("show", b.getOrDefault("show", "text"));
        case "button" -> {
          block.put("label", b.getOrDefault("label", ""));
          block.put("href", b.getOrDefault("href", ""));
        }
        case "image" -> {
          block.put("src", b.getOrDefault("src", ""));
          putIf(block, "alt", b.get("alt"));
        }
        default -> {
          // divider: no settings here
        }
      }
      out.add(block);
    }
    return t;
  }

  private static List<Map<String, String>> blocks(MultiValueMap<String, String> f) {
    List<String> types = all(f, "email.block.type");
    List<Map<String, String>> blocks = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      Map<String, String> b = new LinkedHashMap<>();
      for (String field : BLOCK_FIELDS) {
        List<String> values = all(f, "email.block." + field);
        b.put(field, i < values.size() ? values.get(i) : "");
      }
      blocks.add(b);
    }
    return blocks;
  }

  /** {@code block_add:text}, {@code block_up:2}, {@code block_down:0}, {@code block_remove:1}. */
  private static void edit(List<Map<String, String>> blocks, String op) {
    if (op == null || !op.startsWith("block_")) {
      return;
    }
    String[] parts = op.split(":", 2);
    if (parts.length != 2) {
      throw ApiException.badRequest("invalid_operation", "Unknown editor operation");
    }
    if (parts[0].equals("block_add")) {
      if (!List.of("text", "code", "button", "image", "divider").contains(parts[1])) {
        throw ApiException.badRequest("invalid_block", "Unknown block type " + parts[1]);
      }
      Map<String, String> b = new LinkedHashMap<>();
      b.put("type", parts[1]);
      b.put("html", parts[1].equals("text") ? "<p>Hi {{customer.name}},</p>" : "");
      b.put("show", "text");
      b.put("label", parts[1].equals("button") ? "Shop now" : "");
      b.put("href", parts[1].equals("button") ? "https://example.com" : "");
      blocks.add(b);
      return;
    }
    int i;
    try {
      i = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid_operation", "Unknown block");
    }
    if (i < 0 || i >= blocks.size()) {
      return;
    }
    switch (parts[0]) {
      case "block_up" -> {
        if (i > 0) {
          blocks.add(i - 1, blocks.remove(i));
        }
      }
      case "block_down" -> {
        if (i < blocks.size() - 1) {
          blocks.add(i + 1, blocks.remove(i));
        }
      }
      case "block_remove" -> blocks.remove(i);
      default -> throw ApiException.badRequest("invalid_operation", "Unknown editor operation");
    }
  }

  private static void webhook(MultiValueMap<String, String> f, ObjectNode c) {
    putIf(c, "url", one(f, "webhook.url"));
    putIf(c, "event_name", one(f, "webhook.event_name"));
    ObjectNode headers = Json.object();
    List<String> names = all(f, "webhook.header_name");
    List<String> values = all(f, "webhook.header_value");
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).isBlank()) {
        headers.put(names.get(i).trim(), i < values.size() ? values.get(i) : "");
      }
    }
    c.set("headers", headers);
    String payload = one(f, "webhook.payload");
    if (payload != null) {
      JsonNode design;
      try {
        design = Json.parse(payload);
      } catch (RuntimeException e) {
        throw ApiException.badRequest(
            "invalid_payload", "The webhook payload must be valid JSON: " + firstLine(e));
      }
      c.set("payload", design);
    }
    c.put("raw_payload", one(f, "webhook.raw_payload") != null);
  }

  private static String firstLine(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static String text(MultiValueMap<String, String> f, String name) {
    String v = f.getFirst(name);
    return v == null ? "" : v;
  }

  private static void putIf(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
