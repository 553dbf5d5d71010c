package dev.herald.projects;

import java.time.Instant;
import java.time.ZoneId;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project as its own keys see it. {@code brand} holds name, postal address, contacts and URLs
 * (inserted into marketing email footers); {@code settings} holds message limits and integrations.
 */
public record Project(
    ProjectId id,
    String name,
    ZoneId timeZone,
    String webhookSecret,
    ObjectNode brand,
    ObjectNode settings,
    Instant createdAt,
    Instant updatedAt) {

  /** Brand details complete enough for marketing email: a name and a postal address. */
  public boolean brandComplete() {
    String brandName = brand.path("name").asString("");
    var address = brand.path("address");
    return !brandName.isBlank()
        && address.isObject()
        && !address.path("line_1").asString("").isBlank()
        && !address.path("city").asString("").isBlank()
        && !address.path("country").asString("").isBlank();
  }
}
