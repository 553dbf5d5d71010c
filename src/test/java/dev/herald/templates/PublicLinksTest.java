package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.projects.ProjectId;
import dev.herald.shared.web.PublicUrl;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicLinksTest {

  private final PublicLinks links = Fixtures.links();
  private final ProjectId project = new ProjectId("proj_x");

  @Test
  void theSameFactsAlwaysMakeTheSameLink() {
    String a = links.token(PublicLinks.Kind.QR, project, "CODE-1");
    String b = links.token(PublicLinks.Kind.QR, project, "CODE-1");
    String c = links.token(PublicLinks.Kind.QR, project, "CODE-1");
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
    assertThat(links.token(PublicLinks.Kind.QR, project, "CODE-2")).isNotEqualTo(a);
    assertThat(links.token(PublicLinks.Kind.BARCODE, project, "CODE-1")).isNotEqualTo(a);
  }

  @Test
  void aLinkCarriesItsFactsHiddenAndVerifiesBack() {
    String token = links.token(PublicLinks.Kind.UNSUBSCRIBE, project, "cust_1", "msg_1");
    assertThat(token).doesNotContain("cust_1").doesNotContain("proj_x");
    PublicLinks.Link link = links.verify(token).orElseThrow();
    assertThat(link.kind()).isEqualTo(PublicLinks.Kind.UNSUBSCRIBE);
    assertThat(link.project()).isEqualTo(project);
    assertThat(link.values()).isEqualTo(List.of("cust_1", "msg_1"));
  }

  @Test
  void anAlteredOrForeignTokenDoesNotVerify() {
    String token = links.token(PublicLinks.Kind.COCKPIT, project, "cust_1");
    for (int i = 0; i < token.length(); i++) {
      char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
      String altered = token.substring(0, i) + flipped + token.substring(i + 1);
      assertThat(links.verify(altered)).as("altered at " + i).isEmpty();
    }
    assertThat(links.verify("not-a-token")).isEmpty();
    assertThat(links.verify("")).isEmpty();
    LinkKeyRepository otherKey =
        new LinkKeyRepository(null, null, null) {
          @Override
          byte[] secret() {
            return new byte[32];
          }
        };
    assertThat(new PublicLinks(otherKey, new PublicUrl("https://x", null)).verify(token)).isEmpty();
  }
}
