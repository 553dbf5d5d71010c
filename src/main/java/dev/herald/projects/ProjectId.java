package dev.herald.projects;

/** The tenant every request and every row belongs to ({@code proj_...}). */
public record ProjectId(String value) {

  public ProjectId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("project id is required");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
