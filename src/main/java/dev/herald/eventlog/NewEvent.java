package dev.herald.eventlog;

import dev.herald.projects.ProjectId;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fact to append; the log assigns its id, time, group and causation. {@code distributionId} ties
 * it to a distribution (its status changes, its deliveries); effects appended while a distribution
 * acts get its id anyway.
 */
public record NewEvent(
    ProjectId projectId, String type, String customerId, ObjectNode data, String distributionId) {

  public static NewEvent of(ProjectId project, String type, String customerId, ObjectNode data) {
    return new NewEvent(project, type, customerId, data, null);
  }

  public NewEvent forDistribution(String id) {
    return new NewEvent(projectId, type, customerId, data, id);
  }
}
