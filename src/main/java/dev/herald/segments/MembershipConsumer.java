package dev.herald.segments;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventConsumer;
import dev.herald.projects.ProjectId;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Keeps membership current from the event log: every change that can move a customer in or out
 * re-evaluates that customer. Besides what the field sources declare, it accepts the customer,
 * custom-event, order and loyalty event types by name now, so the orders and loyalty modules'
 * events are covered the day they start emitting them.
 */
@Component
class MembershipConsumer implements EventConsumer {

  private static final Set<String> TYPES =
      Set.of(
          "customer.created",
          "customer.updated",
          "customer.deleted",
          "customer.custom_event",
          "customer.rewarded",
          "customer.rewarded.loyalty_points",
          "customer.referred");
  private static final List<String> PREFIXES =
      List.of("customer.order.", "customer.voucher.loyalty_card.", "customer.loyalty.");

  private final CustomerEvaluation evaluation;
  private final FieldSources sources;
  private final SegmentRepository segments;

  MembershipConsumer(
      CustomerEvaluation evaluation, FieldSources sources, SegmentRepository segments) {
    this.evaluation = evaluation;
    this.sources = sources;
    this.segments = segments;
  }

  @Override
  public String name() {
    return "segments.membership";
  }

  @Override
  public boolean accepts(String eventType) {
    return TYPES.contains(eventType)
        || PREFIXES.stream().anyMatch(eventType::startsWith)
        || sources.anyChangedBy(eventType);
  }

  /**
   * Only projects with a filter segment re-evaluate customers: static segments change by API calls
   * alone. A filter segment created after this answered no syncs everyone, and it commits after the
   * asking transaction (see {@link SegmentRepository#hasFilterSegments}), so no change is missed.
   */
  @Override
  public boolean wants(ProjectId project, String eventType) {
    return segments.hasFilterSegments(project);
  }

  @Override
  public int threads() {
    return 2;
  }

  @Override
  public void handle(Event event) {
    if (event.customerId() == null) {
      return;
    }
    evaluation.evaluate(
        event.projectId(), event.customerId(), event.type(), event.data().get("customer"));
  }
}
