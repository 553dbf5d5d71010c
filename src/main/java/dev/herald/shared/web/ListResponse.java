package dev.herald.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Voucherify's list envelope: {@code {"object":"list","data_ref":"<key>","<key>":[...],
 * "total":N,"has_more":bool}}, plus {@code more_starting_after} for cursor-paged lists.
 */
public final class ListResponse {

  private ListResponse() {}

  public static Map<String, Object> of(String dataRef, List<?> items, Long total, boolean hasMore) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "list");
    out.put("data_ref", dataRef);
    out.put(dataRef, items);
    if (total != null) {
      out.put("total", total);
    }
    out.put("has_more", hasMore);
    return out;
  }

  /** Trims the look-ahead row fetched with {@link Page#fetchSize()} and builds the envelope. */
  public static Map<String, Object> page(String dataRef, List<?> fetched, Page page, Long total) {
    boolean hasMore = fetched.size() > page.limit();
    List<?> items = hasMore ? fetched.subList(0, page.limit()) : fetched;
    return of(dataRef, items, total, hasMore);
  }
}
