package dev.herald.analytics;

import dev.herald.eventlog.ActivityQuery;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.StreamFilter;
import dev.herald.projects.ProjectId;
import dev.herald.shared.web.ListResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.node.ObjectNode;

/** Activity feeds: paged history and live streams. */
@Service
public class Activity {

  private final EventLog eventLog;
  private final ActivityStreams streams;

  Activity(EventLog eventLog, ActivityStreams streams) {
    this.eventLog = eventLog;
    this.streams = streams;
  }

  public Map<String, Object> page(ProjectId project, StreamFilter filter, ActivityQuery query) {
    EventLog.ActivityPage page = eventLog.activity(project, filter, query);
    List<ObjectNode> items = page.events().stream().map(ActivityJson::of).toList();
    Map<String, Object> out = ListResponse.of("data", items, null, page.hasMore());
    out.put(
        "more_starting_after",
        page.hasMore() ? page.events().get(page.events().size() - 1).id() : null);
    return out;
  }

  public SseEmitter stream(ProjectId project, StreamFilter filter, String lastEventId) {
    return streams.open(project, filter, lastEventId);
  }
}
