package dev.herald.campaigns;

/**
 * SQL fragments over the {@code campaign} table for modules that compile set-based queries (segment
 * filters over loyalty points by program). The campaigns module owns the table; callers splice
 * these fragments in and never name its columns.
 */
public final class CampaignSql {

  private CampaignSql() {}

  /**
   * The id of the project's campaign whose id or name equals the bound value: {@code projectSql}
   * and {@code idOrNameSql} are placeholders or expressions of type {@code text}.
   */
  public static String idOf(String projectSql, String idOrNameSql) {
    return "(select c.id from campaign c where c.project_id = "
        + projectSql
        + " and (c.id = "
        + idOrNameSql
        + " or c.name = "
        + idOrNameSql
        + ") and c.deleted_at is null order by (c.id = "
        + idOrNameSql
        + ") desc limit 1)";
  }
}
