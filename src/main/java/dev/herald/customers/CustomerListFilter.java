package dev.herald.customers;

import dev.herald.projects.ProjectId;
import java.util.Map;

/**
 * A filter of {@code GET /v1/customers} answered by another module (the segments module answers
 * {@code segment_id}): the customers module stays unaware of it and only splices the condition into
 * its query. Implementations are beans; the customers module depends on none of them.
 */
public interface CustomerListFilter {

  /** The query parameter this filter answers, e.g. {@code segment_id}. */
  String parameter();

  /**
   * A SQL condition over the customer whose id is the SQL expression {@code idColumn}, for the
   * parameter's value. Parameter names must start with {@link #parameter()} so filters never clash.
   * Throws an {@code ApiException} (e.g. 404) when the value names nothing.
   */
  Condition condition(ProjectId project, String value, String idColumn);

  /** A SQL boolean expression and the values of its named parameters. */
  record Condition(String sql, Map<String, Object> params) {}
}
