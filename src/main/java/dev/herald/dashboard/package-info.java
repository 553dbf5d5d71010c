/**
 * The dashboard: the Distribution Manager in the browser, served by Herald itself under {@code
 * /dashboard} (server-rendered Thymeleaf pages with htmx and uPlot from the jar; nothing fetched
 * from the internet). It renders through the other modules' facades only — the wizard reads the
 * distribution catalog, never a copy of its rules. Owns {@code dashboard_user} (per-project users
 * with bcrypt passwords) and the {@code spring_session} tables (sessions in PostgreSQL, so any node
 * serves any user). Its analytics tab and campaign view read their numbers from {@code
 * analytics.Analytics} (the roll-ups); it counts no messages itself. Sign-in, sessions and CSRF
 * apply to {@code /dashboard/**} only: {@code /v1} stays API-key only. Emits nothing.
 */
package dev.herald.dashboard;
