package dev.herald.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dispatcher of one node: claim loops ({@code HERALD_DISPATCHER_THREADS}), messages claimed per
 * round ({@code HERALD_DISPATCHER_BATCH_SIZE}), and how long a claim is this node's before another
 * node may take it over ({@code HERALD_DISPATCHER_LEASE}; longer than any send can take).
 */
@ConfigurationProperties("herald.dispatcher")
record DispatcherProperties(Integer threads, Integer batchSize, Duration lease) {

  DispatcherProperties {
    threads = threads == null || threads < 1 ? 1 : threads;
    batchSize = batchSize == null || batchSize < 1 ? 200 : batchSize;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
  }
}
