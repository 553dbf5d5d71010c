package dev.herald.segments;

/**
 * Advisory locks that keep membership right under concurrency (decision 0300). A customer's
 * re-evaluation holds its customer lock (so two re-evaluations of one customer run one after the
 * other, each seeing the other's result) and a shared lock on each segment it evaluates; a sync or
 * sweep batch holds its segment's lock exclusively. Every writer takes its locks before the
 * statement that reads, so that statement sees all work committed before it. A batch holds one lock
 * and waits for no other, and a re-evaluation takes its customer lock alone, in its own statement,
 * before any segment lock, so they cannot deadlock.
 */
final class Locks {

  /** Lock classes (first key of the two-key advisory lock space). */
  static final int SEGMENT = 0x53454731;

  static final int CUSTOMER = 0x53454732;

  static final int PROJECT = 0x53454733;

  /** A select-list item taking the shared lock of the row's segment. */
  static final String SEGMENT_SHARED =
      "pg_advisory_xact_lock_shared(" + SEGMENT + ", hashtext(id)) is null as locked";

  static final String LOCK_CUSTOMER =
      "select pg_advisory_xact_lock(" + CUSTOMER + ", hashtext(:customer)) is null";

  static final String LOCK_SEGMENT =
      "select pg_advisory_xact_lock(" + SEGMENT + ", hashtext(:segment)) is null";

  static final String LOCK_PROJECT =
      "select pg_advisory_xact_lock(" + PROJECT + ", hashtext(:project)) is null";

  /** Held by a transaction that decided no customer re-evaluation is needed (no filter segment). */
  static final String SHARE_PROJECT =
      "select pg_advisory_xact_lock_shared(" + PROJECT + ", hashtext(:project)) is null";

  private Locks() {}
}
