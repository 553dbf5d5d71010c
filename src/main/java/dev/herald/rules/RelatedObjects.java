package dev.herald.rules;

import dev.herald.projects.ProjectId;

/**
 * SPI: tells whether an object a rule is assigned to exists. The module owning the object type
 * implements it (campaigns for {@code campaign}, {@code voucher}, {@code promotion_tier}); an
 * assignment to an object its owner does not know is rejected with 404. Types no module claims are
 * accepted as given.
 */
public interface RelatedObjects {

  boolean handles(String relatedObjectType);

  /** The object's id when it exists (a voucher may be named by its code), else null. */
  String resolve(ProjectId project, String relatedObjectType, String idOrCode);
}
