package dev.herald.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SameAsTest {

  private static ObjectNode publicationEvent() {
    return (ObjectNode)
        Json.parse(
            """
            {"customer": {"id": "cust_1", "name": "Ada", "email": "ada@example.com",
                          "metadata": {"tier": "gold"}, "object": "customer"},
             "voucher": {"id": "v_1", "code": "ABC", "campaign": "Spring", "active": true,
                         "object": "voucher"},
             "campaign": {"id": "camp_1", "name": "Spring", "type": "STATIC", "object": "campaign"},
             "publication": {"id": "pub_1", "object": "publication",
                             "customer": {"id": "cust_1", "name": "Ada", "email": "ada@example.com",
                                          "metadata": {"tier": "gold"}, "object": "customer"},
                             "vouchers": [{"id": "v_1", "code": "ABC", "campaign": "Spring",
                                           "active": true, "object": "voucher"}],
                             "metadata": {"source_type": "distribution"}}}
            """);
  }

  @Test
  void nestedCopiesOfMembersAreStoredOnceAndComeBackOnRead() {
    ObjectNode data = publicationEvent();
    ObjectNode before = data.deepCopy();

    ObjectNode stored = SameAs.compact(data);

    assertThat(data).isEqualTo(before); // the caller's payload is not changed
    assertThat(stored.at("/publication/customer"))
        .isEqualTo(Json.object().put("$same", "customer"));
    assertThat(stored.at("/publication/vouchers/0"))
        .isEqualTo(Json.object().put("$same", "voucher"));
    assertThat(Json.write(stored).length()).isLessThan(Json.write(data).length() * 4 / 5);

    ObjectNode read = SameAs.expand((ObjectNode) Json.parse(Json.write(stored)));
    assertThat(read).isEqualTo(before);
    // the copies are independent objects again
    read.withObject("/publication/customer").put("name", "Changed");
    assertThat(read.at("/customer/name").asString()).isEqualTo("Ada");
  }

  @Test
  void differentOrSmallObjectsAndDeeperLevelsAreLeftAlone() {
    ObjectNode data = publicationEvent();
    data.withObject("/publication/customer").put("name", "Someone else");
    data.withObject("/publication").set("metadata", Json.object()); // equals no member
    data.set("tiny", Json.object().put("a", 1));
    data.withObject("/campaign").set("extra", Json.object().put("a", 1)); // a small equal object

    ObjectNode stored = SameAs.compact(data);

    assertThat(stored.at("/publication/customer/name").asString()).isEqualTo("Someone else");
    assertThat(stored.at("/campaign/extra")).isEqualTo(Json.object().put("a", 1));
    assertThat(stored.at("/publication/vouchers/0/$same").asString()).isEqualTo("voucher");
    assertThat(SameAs.expand((ObjectNode) Json.parse(Json.write(stored)))).isEqualTo(data);
  }

  @Test
  void aPayloadWithoutCopiesIsStoredAsItIs() {
    ObjectNode data = (ObjectNode) Json.parse("{\"customer\": {\"id\": \"c\"}, \"queued\": 3}");
    assertThat(SameAs.compact(data)).isSameAs(data);
    assertThat(SameAs.expand(data.deepCopy())).isEqualTo(data);
  }
}
