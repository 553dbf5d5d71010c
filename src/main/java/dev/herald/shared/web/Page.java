package dev.herald.shared.web;

/**
 * Paging as Voucherify lists take it: {@code limit} 1–100 (default 10) and 1-based {@code page}.
 */
public record Page(int limit, int page) {

  public static Page from(QueryParams params) {
    int limit = params.integer("limit", 1, 100).orElse(10);
    int page = params.integer("page", 1, 1_000_000).orElse(1);
    return new Page(limit, page);
  }

  public int offset() {
    return (page - 1) * limit;
  }

  /** Ask for one more row than the page holds to learn {@code has_more} without counting. */
  public int fetchSize() {
    return limit + 1;
  }
}
