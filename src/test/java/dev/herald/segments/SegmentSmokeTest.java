package dev.herald.segments;

import static dev.herald.segments.SegmentTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentSmokeTest extends HeraldTest {

  @Test
  void smoke() {
    Api api = newProject();
    customer(api, Map.of("source_id", "a", "metadata", Map.of("tier", "gold", "age", 30)));
    customer(api, Map.of("source_id", "b", "metadata", Map.of("tier", "silver", "age", 20)));
    String seg =
        synced(api, "auto-update", Map.of("junction", "and", "metadata.tier", cond("$is", "gold")));
    assertThat(members(api, seg)).containsExactly("a");
    String b = api.get("/v1/customers/b").json().get("id").asString();
    api.put("/v1/customers/b", Map.of("metadata", Map.of("tier", "gold")));
    await().untilAsserted(() -> assertThat(members(api, seg)).containsExactlyInAnyOrder("a", "b"));
    await()
        .untilAsserted(() -> assertThat(transitions(api, b)).isEqualTo(List.of("entered " + seg)));
  }
}
