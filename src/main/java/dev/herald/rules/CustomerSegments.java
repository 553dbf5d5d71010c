package dev.herald.rules;

import dev.herald.projects.ProjectId;
import java.util.Set;

/**
 * SPI: the segments a customer is in now. Implemented by the segments module; rules only read it.
 * While no bean implements it, a rule that uses {@code customer.segment} cannot be decided and its
 * evaluation fails with {@code customer_segments_unavailable} (never a silent pass or fail).
 */
public interface CustomerSegments {

  Set<String> segmentIdsOf(ProjectId project, String customerId);
}
