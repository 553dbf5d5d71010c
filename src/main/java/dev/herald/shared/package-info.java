/**
 * Small, open building blocks every module uses: ids, Voucherify-style API errors, JSON body
 * reading, list envelopes, query-string parsing, the clock, the database bootstrap (embedded or
 * external PostgreSQL) and the one mechanism for background work ({@code shared.work}).
 *
 * <p>Owns the {@code work_item} table (the generic task queue). Emits nothing.
 */
@org.springframework.modulith.ApplicationModule(
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.herald.shared;
