package dev.herald.messaging;

import dev.herald.projects.ProjectId;

/**
 * Where a channel's settings are checked: its project, the trigger type of its distribution (what
 * its templates may use; null while a draft has none) and the channel as saved before (null when
 * new).
 */
record ChannelContext(ProjectId project, String triggerType, Channel previous) {}
