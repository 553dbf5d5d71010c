/**
 * Customer segments: {@code static} lists (up to 20,000 customers, fixed at creation) and filter
 * segments — {@code auto-update} (active: emits {@code customer.segment.entered} / {@code
 * customer.segment.left}) and {@code passive} (same membership, no events until {@link
 * dev.herald.segments.Segments#activate} is called by a distribution that uses it). Owns {@code
 * segment} and {@code segment_member}. Emits {@code customer.segment.entered} and {@code
 * customer.segment.left} with data {@code {customer, segment:{id,name,object}}}, exactly once per
 * real transition of an active segment.
 *
 * <p><b>How membership stays current.</b> A filter is compiled to one SQL boolean over a customer
 * row; customers are never loaded to be evaluated. A new filter segment is synced in the
 * background, one keyset batch of customers (by id) per task run (set-based {@code INSERT …
 * SELECT}), and is {@code initial_sync_status: DONE} once every customer was checked. After that,
 * an event log consumer re-evaluates the customer of every change that can move them (customer
 * created, updated, deleted; custom events; order and loyalty events; whatever the field sources
 * declare) against all the project's filter segments in one statement. Filters with relative dates
 * are also swept at each midnight of the project's time zone. Advisory locks (see {@code Locks})
 * order these writers; entered/left come only from membership rows actually inserted or deleted.
 *
 * <p><b>Adding filter fields from another module</b> (orders, loyalty, …): declare one bean
 * implementing {@link dev.herald.segments.SegmentFieldSource} in that module. It says which paths
 * it serves and their {@link dev.herald.segments.FieldType}, returns a SQL value expression over
 * its own tables for the customer id {@link dev.herald.segments.SqlContext#customerId()} (binding
 * every value through the context), and lists the event types after which its values may change.
 * Nothing else is needed: the operators, validation (400 naming the path), compilation, syncing,
 * re-evaluation and sweeping come with it. For example an orders module would serve {@code
 * summary.orders.total_count} and {@code summary.orders.total_amount} ({@code NUMBER}) and {@code
 * summary.orders.last_order_date} ({@code DATETIME}), changed by {@code customer.order.}; a loyalty
 * module {@code loyalty_points.campaigns.<name>.points}, changed by {@code
 * customer.voucher.loyalty_card.} and {@code customer.rewarded.loyalty_points}. A source whose
 * missing rows mean zero (counts, totals) should override {@code predicate} using {@link
 * dev.herald.segments.Condition#matchesNumber} to choose a semi-join or an anti-join, as the custom
 * events module's {@code events.<name>.count} does.
 *
 * <p>Other modules also use {@link dev.herald.segments.Segments} to expand a segment's members in
 * keyset order ({@code customerIdsAfter}), read its sync status, and ask which segments a customer
 * is in ({@code segmentIdsOf}); they may veto deleting a segment they use through {@link
 * dev.herald.segments.SegmentUsage}. The customers module's {@code GET /v1/customers?segment_id=}
 * is answered through its {@code CustomerListFilter} seam.
 */
package dev.herald.segments;
