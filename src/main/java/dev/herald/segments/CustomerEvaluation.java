package dev.herald.segments;

import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.projects.Projects;
import dev.herald.segments.FilterNode.Group;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Re-evaluates one customer against the project's filter segments after a change, in one statement,
 * and reports each real transition of an active segment. Runs in the caller's transaction (the
 * event consumer's), under the locks described in {@link Locks}.
 */
@Component
class CustomerEvaluation {

  /** A customer appearing or disappearing may change any segment, whatever fields it uses. */
  static final Set<String> EVERY_SEGMENT = Set.of("customer.created", "customer.deleted");

  private final MemberRepository members;
  private final SegmentRepository segments;
  private final SegmentFilters filters;
  private final Transitions transitions;
  private final Customers customers;
  private final Projects projects;
  private final Clock clock;

  CustomerEvaluation(
      MemberRepository members,
      SegmentRepository segments,
      SegmentFilters filters,
      Transitions transitions,
      Customers customers,
      Projects projects,
      Clock clock) {
    this.members = members;
    this.segments = segments;
    this.filters = filters;
    this.transitions = transitions;
    this.customers = customers;
    this.projects = projects;
    this.clock = clock;
  }

  /**
   * Brings the customer's membership up to date after an event of {@code eventType} (null: check
   * every segment). {@code lastKnown} is the customer object to report when the profile is gone.
   */
  void evaluate(ProjectId project, String customerId, String eventType, JsonNode lastKnown) {
    members.lockCustomer(customerId);
    List<Segment> chosen = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    for (Segment s : segments.filterSegmentsLocked(project)) {
      Optional<Group> group = filters.of(s);
      if (group.isPresent() && concerns(group.get(), eventType)) {
        chosen.add(s);
        groups.add(group.get());
      }
    }
    if ("customer.deleted".equals(eventType)) {
      members.removeFromStatic(project, customerId);
    }
    if (chosen.isEmpty()) {
      return;
    }
    List<CompiledFilter> compiled = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      compiled.add(CompiledFilter.compile(groups.get(i), "s" + i + "_"));
    }
    Instant now = clock.instant();
    Moment moment =
        compiled.stream().anyMatch(CompiledFilter::needsMoment) ? moment(project) : null;
    Map<String, Object> params = new LinkedHashMap<>();
    compiled.forEach(f -> params.putAll(f.params(moment)));
    List<MemberRepository.Change> changes =
        members.evaluateCustomer(
            project, customerId, chosen.stream().map(Segment::id).toList(), compiled, params, now);
    report(project, customerId, chosen, changes, lastKnown);
  }

  private static boolean concerns(Group group, String eventType) {
    if (eventType == null || EVERY_SEGMENT.contains(eventType)) {
      return true;
    }
    return SegmentFilters.sources(group).stream().anyMatch(s -> s.isChangedBy(eventType));
  }

  private void report(
      ProjectId project,
      String customerId,
      List<Segment> chosen,
      List<MemberRepository.Change> changes,
      JsonNode lastKnown) {
    Map<String, Segment> byId = new HashMap<>();
    chosen.forEach(s -> byId.put(s.id(), s));
    JsonNode customer = null;
    List<Transitions.Transition> reported = new ArrayList<>();
    for (MemberRepository.Change change : changes) {
      Segment segment = byId.get(change.id());
      if (segment == null || !segment.emitsEvents()) {
        continue;
      }
      if (customer == null) {
        customer = profile(project, customerId, lastKnown);
      }
      reported.add(new Transitions.Transition(segment, customerId, change.entered(), customer));
    }
    transitions.report(reported);
  }

  private JsonNode profile(ProjectId project, String customerId, JsonNode lastKnown) {
    return customers
        .find(project, customerId)
        .<JsonNode>map(customers::toJson)
        .orElseGet(
            () ->
                lastKnown != null && lastKnown.isObject()
                    ? lastKnown
                    : Transitions.gone(customerId));
  }

  Moment moment(ProjectId project) {
    return new Moment(clock.instant(), projects.timeZone(project));
  }
}
