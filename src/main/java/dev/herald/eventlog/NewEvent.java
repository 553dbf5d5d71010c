package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import tools.jackson.databind.node.ObjectNode;

/** A fact to append; the log assigns its id, time, group and causation. */
public record NewEvent(ProjectId projectId, String type, String customerId, ObjectNode data) {

  public static NewEvent of(ProjectId project, String type, String customerId, ObjectNode data) {
    return new NewEvent(project, type, customerId, data);
  }
}
