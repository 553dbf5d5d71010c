/**
 * Projects (tenants): API keys ({@code X-App-Id}/{@code X-App-Token}, token stored as a hash), the
 * webhook signing secret, time zone, brand details and message limits; resolves the current project
 * of every {@code /v1} request. Owns {@code project} and {@code api_key}. Emits nothing.
 */
package dev.herald.projects;
