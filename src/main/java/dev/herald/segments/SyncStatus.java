package dev.herald.segments;

/**
 * {@code initial_sync_status}: a new filter segment is IN_PROGRESS until every customer was
 * checked.
 */
public enum SyncStatus {
  IN_PROGRESS,
  DONE
}
