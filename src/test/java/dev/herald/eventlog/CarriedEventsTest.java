package dev.herald.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.shared.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CarriedEventsTest {

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parse(text);
  }

  @Test
  void whatEveryEventHasAlikeIsWrittenOnceAndPutBackWhenRead() {
    List<ObjectNode> events =
        List.of(
            json(
                """
                {"seq":1,"type":"t","channel":"INTERNAL","caused_by":["distr_1"],
                 "data":{"voucher":{"id":"v_1","campaign_id":"camp_1"},"campaign":{"id":"camp_1"},
                         "when":null,"empty":{}}}"""),
            json(
                """
                {"seq":2,"type":"t","channel":"INTERNAL","caused_by":["distr_1"],
                 "data":{"voucher":{"id":"v_2","campaign_id":"camp_1"},"campaign":{"id":"camp_1"},
                         "when":null,"empty":{}}}"""));

    ObjectNode payload = CarriedEvents.payload(events);

    assertThat(payload.get("common"))
        .as("the values alike, at any depth, an empty object and a null among them")
        .isEqualTo(
            Json.parse(
                """
                {"type":"t","channel":"INTERNAL","caused_by":["distr_1"],
                 "data":{"voucher":{"campaign_id":"camp_1"},"campaign":{"id":"camp_1"},
                         "when":null,"empty":{}}}"""));
    assertThat(payload.get("events"))
        .as("each event with only its own values")
        .isEqualTo(
            Json.parse(
                """
                [{"seq":1,"data":{"voucher":{"id":"v_1"}}},
                 {"seq":2,"data":{"voucher":{"id":"v_2"}}}]"""));
    assertThat(CarriedEvents.events(Json.parse(Json.write(payload))))
        .as("read back whole")
        .containsExactlyElementsOf(events);
  }

  @Test
  void aValueAlikeOnlyInSomeEventsOrOfAnotherShapeStaysWithEachEvent() {
    List<ObjectNode> events =
        List.of(
            json("{\"seq\":1,\"data\":{\"a\":\"flat\",\"b\":1,\"c\":{}}}"),
            json("{\"seq\":2,\"data\":{\"a\":{\"x\":1},\"b\":1,\"c\":{\"y\":2}}}"),
            json("{\"seq\":3,\"data\":{\"b\":1,\"c\":{}}}"));

    ObjectNode payload = CarriedEvents.payload(events);

    assertThat(payload.get("common")).isEqualTo(Json.parse("{\"data\":{\"b\":1}}"));
    assertThat(CarriedEvents.events(payload)).containsExactlyElementsOf(events);
  }

  @Test
  void aSingleEventOrEventsWithNothingAlikeAreCarriedAsTheyAre() {
    ObjectNode one = json("{\"seq\":1,\"data\":{\"a\":1}}");
    assertThat(CarriedEvents.payload(List.of(one)))
        .isEqualTo(Json.parse("{\"events\":[{\"seq\":1,\"data\":{\"a\":1}}]}"));
    ObjectNode other = json("{\"seq\":2,\"data\":{\"a\":2}}");
    assertThat(CarriedEvents.payload(List.of(one, other)).has("common")).isFalse();
    assertThat(CarriedEvents.events(Json.parse("{\"events\":[{\"seq\":1}]}")))
        .as("a task queued before values alike were written once")
        .containsExactly(json("{\"seq\":1}"));
  }
}
