package dev.herald.projects;

/** A project's API key pair; the token is shown once, only its hash is stored. */
public record ProjectKeys(ProjectId projectId, String appId, String appToken) {}
