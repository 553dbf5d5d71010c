package dev.herald.segments;

import dev.herald.customers.Customers;
import dev.herald.projects.ProjectId;
import dev.herald.segments.FilterNode.Group;
import dev.herald.shared.ApiException;
import dev.herald.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customer segments: static lists and filter segments whose membership is kept current (see the
 * package documentation). Besides the API, other modules ask it who is in a segment (manual sends
 * expand members in keyset order), which segments a customer is in (validation rules), and activate
 * a passive segment when a distribution starts using it.
 */
@Service
public class Segments {

  public static final int MAX_STATIC_CUSTOMERS = 20_000;
  public static final int MAX_FILTER_SEGMENTS = 100;

  private final SegmentRepository segments;
  private final MemberRepository members;
  private final SegmentFilters filters;
  private final SegmentSync sync;
  private final SegmentPurge purge;
  private final Customers customers;
  private final ObjectProvider<SegmentUsage> usages;
  private final Clock clock;

  Segments(
      SegmentRepository segments,
      MemberRepository members,
      SegmentFilters filters,
      SegmentSync sync,
      SegmentPurge purge,
      Customers customers,
      ObjectProvider<SegmentUsage> usages,
      Clock clock) {
    this.segments = segments;
    this.members = members;
    this.filters = filters;
    this.sync = sync;
    this.purge = purge;
    this.customers = customers;
    this.usages = usages;
    this.clock = clock;
  }

  /**
   * Creates a segment. A static one is DONE at once with its customers (every id or source_id must
   * name a customer, else 404 naming the unknown ones); a filter one starts IN_PROGRESS and syncs
   * in the background.
   */
  @Transactional
  public Segment create(ProjectId project, SegmentDraft draft) {
    return draft.type() == SegmentType.STATIC
        ? createStatic(project, draft)
        : createFiltered(project, draft);
  }

  private Segment createStatic(ProjectId project, SegmentDraft draft) {
    List<String> customerIds = resolve(project, draft.customers());
    Instant now = clock.instant();
    Segment segment =
        new Segment(
            Ids.newId("seg_"),
            project,
            draft.name(),
            draft.type(),
            null,
            false,
            SyncStatus.DONE,
            null,
            now,
            null);
    segments.insert(segment);
    members.insertAll(segment, customerIds, now);
    return segment;
  }

  private Segment createFiltered(ProjectId project, SegmentDraft draft) {
    Group group = filters.parse(draft.filter());
    boolean timeDependent = CompiledFilter.compile(group, "").timeDependent();
    segments.lockProject(project);
    if (segments.countFilterSegments(project) >= MAX_FILTER_SEGMENTS) {
      throw ApiException.badRequest(
          "limit_exceeded",
          "A project may have at most "
              + MAX_FILTER_SEGMENTS
              + " auto-update and passive segments; delete one first");
    }
    Segment segment =
        new Segment(
            Ids.newId("seg_"),
            project,
            draft.name(),
            draft.type(),
            draft.filter(),
            timeDependent,
            SyncStatus.IN_PROGRESS,
            null,
            clock.instant(),
            null);
    segments.insert(segment);
    sync.start(segment);
    return segment;
  }

  private List<String> resolve(ProjectId project, List<String> refs) {
    Map<String, String> found = customers.resolveIds(project, refs);
    List<String> unknown = refs.stream().filter(r -> !found.containsKey(r)).distinct().toList();
    if (!unknown.isEmpty()) {
      String shown = String.join(", ", unknown.subList(0, Math.min(20, unknown.size())));
      throw new ApiException(
          404,
          "not_found",
          "Resource not found",
          "Cannot find customers: "
              + shown
              + (unknown.size() > 20 ? " (and " + (unknown.size() - 20) + " more)" : ""),
          unknown.get(0),
          "customer");
    }
    return refs.stream().map(found::get).distinct().toList();
  }

  public Optional<Segment> find(ProjectId project, String segmentId) {
    return segments.find(project, segmentId);
  }

  public Segment get(ProjectId project, String segmentId) {
    return find(project, segmentId).orElseThrow(() -> ApiException.notFound("segment", segmentId));
  }

  /**
   * Deletes a segment (409 while something uses it); its membership is purged in the background.
   */
  @Transactional
  public void delete(ProjectId project, String segmentId) {
    Segment segment = get(project, segmentId);
    for (SegmentUsage usage : usages.orderedStream().toList()) {
      Optional<String> user = usage.usage(project, segmentId);
      if (user.isPresent()) {
        throw ApiException.conflict(
            "segment_in_use", "Segment " + segmentId + " is used by " + user.get());
      }
    }
    if (segments.markDeleted(project, segmentId, clock.instant())) {
      purge.start(segment);
    }
  }

  /** A page of the project's segments; fetch {@code limit + 1} to learn whether more follow. */
  public List<Segment> list(ProjectId project, SegmentQuery query, int limit, int offset) {
    return segments.page(project, query, limit, offset);
  }

  public long count(ProjectId project, SegmentQuery query) {
    return segments.count(project, query);
  }

  /**
   * A distribution starts using the segment: a passive segment becomes active ({@code auto-update},
   * so it emits entered/left from now on) and the segment is marked as used (locked). Idempotent.
   * Call in the distribution's transaction.
   */
  @Transactional
  public Segment activate(ProjectId project, String segmentId) {
    return segments
        .activate(project, segmentId, clock.instant())
        .orElseThrow(() -> ApiException.notFound("segment", segmentId));
  }

  public SyncStatus syncStatus(ProjectId project, String segmentId) {
    return get(project, segmentId).initialSyncStatus();
  }

  /** The segments the customer is in, oldest first. */
  public List<Segment> segmentsOf(ProjectId project, String customerId) {
    return members.segmentsOf(project, customerId);
  }

  /** The ids of the segments the customer is in (for validation rules). */
  public List<String> segmentIdsOf(ProjectId project, String customerId) {
    return segmentsOf(project, customerId).stream().map(Segment::id).toList();
  }

  public boolean isMember(ProjectId project, String segmentId, String customerId) {
    return find(project, segmentId).isPresent() && members.isMember(segmentId, customerId);
  }

  /**
   * Up to {@code limit} member ids after {@code afterCustomerId} (null: from the start), in id
   * order: a keyset cursor for expanding large segments in batches.
   */
  public List<String> customerIdsAfter(
      ProjectId project, String segmentId, String afterCustomerId, int limit) {
    get(project, segmentId);
    return members.customerIdsAfter(segmentId, afterCustomerId, Math.max(1, limit));
  }

  /** Members after {@code afterCustomerId} up to {@code upToCustomerId} (null: the last). */
  public List<String> customerIdsBetween(
      ProjectId project,
      String segmentId,
      String afterCustomerId,
      String upToCustomerId,
      int limit) {
    get(project, segmentId);
    return members.customerIdsBetween(
        segmentId, afterCustomerId, upToCustomerId, Math.max(1, limit));
  }

  /**
   * Member ids cutting the segment's {@code total} members into {@code parts} ranges of about equal
   * size in keyset order (each id ends a range; the last range runs to the end).
   */
  public List<String> splitPoints(ProjectId project, String segmentId, long total, int parts) {
    get(project, segmentId);
    return parts < 2 ? List.of() : members.splitPoints(segmentId, total, parts);
  }

  public long memberCount(ProjectId project, String segmentId) {
    get(project, segmentId);
    return members.count(segmentId);
  }

  /** The Voucherify {@code segment} object. */
  public ObjectNode toJson(Segment segment) {
    return SegmentJson.full(segment);
  }

  /** {@code {id, name, object: "segment"}}, as lists and events embed it. */
  public ObjectNode toBriefJson(Segment segment) {
    return SegmentJson.brief(segment);
  }
}
