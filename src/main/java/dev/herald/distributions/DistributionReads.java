package dev.herald.distributions;

import dev.herald.projects.ProjectId;
import dev.herald.shared.ApiException;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** Read-only lookups of distributions for the modules that report on them (analytics). */
@Service
public class DistributionReads {

  private final DistributionRepository repository;

  DistributionReads(DistributionRepository repository) {
    this.repository = repository;
  }

  /** The distribution (not deleted); 404 when there is none. */
  public Distribution get(ProjectId project, String id) {
    return repository
        .find(project, id, false)
        .orElseThrow(() -> ApiException.notFound("distribution", id));
  }

  /** The distributions (not deleted) of these ids; unknown and deleted ones are left out. */
  public List<Distribution> getAll(ProjectId project, Collection<String> ids) {
    return repository.findAll(project, ids);
  }

  /** Whether a distribution of this id exists or existed in the project (deleted ones count). */
  public boolean known(ProjectId project, String id) {
    return repository.known(project, id);
  }

  /** Whether any distribution of the project publishes codes (now or before an edit). */
  public boolean publishesCodes(ProjectId project) {
    return repository.anyPublishing(project);
  }

  /**
   * The distributions (not deleted) that publish codes of a campaign or whose trigger is scoped to
   * it, named by its id or its name, newest first.
   */
  public List<Distribution> usingCampaign(ProjectId project, String campaignId, String name) {
    return repository.usingCampaign(
        project, name == null ? List.of(campaignId) : List.of(campaignId, name));
  }
}
