package dev.herald.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.shared.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  private static QueryParams of(String... pairs) {
    Map<String, String> flat = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      flat.put(pairs[i], pairs[i + 1]);
    }
    return QueryParams.of(flat);
  }

  @Test
  void parsesNestedBracketsAsTheSdksQsSendsThem() {
    QueryParams q =
        of(
            "created_at[after]", "2024-01-01",
            "filters[metadata.k][conditions][$is]", "v",
            "filters[junction]", "and",
            "limit", "5");

    assertThat(q.string("created_at", "after")).contains("2024-01-01");
    assertThat(q.string("limit")).contains("5");
    @SuppressWarnings("unchecked")
    Map<String, Object> condition =
        (Map<String, Object>)
            ((Map<String, Object>) q.map("filters").orElseThrow().get("metadata.k"))
                .get("conditions");
    assertThat(condition).containsEntry("$is", "v");
    assertThat(q.map("filters").orElseThrow()).containsEntry("junction", "and");
  }

  @Test
  void readsListsInEveryCommonForm() {
    assertThat(of("a[0]", "x", "a[1]", "y").strings("a")).containsExactly("x", "y");
    assertThat(of("a", "x,y").strings("a")).containsExactly("x", "y");
    assertThat(of("b", "z").strings("a")).isEmpty();
  }

  @Test
  void rejectsOutOfRangeAndMalformedValuesNamingTheParameter() {
    assertThatThrownBy(() -> of("limit", "0").integer("limit", 1, 100))
        .isInstanceOf(ApiException.class)
        .hasFieldOrPropertyWithValue("key", "invalid_query_params")
        .extracting(e -> ((ApiException) e).details())
        .asString()
        .contains("limit");
    assertThatThrownBy(() -> of("limit", "ten").integer("limit", 1, 100))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> of("created_at[after]", "soon").instant("created_at", "after"))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> of("flag", "maybe").bool("flag")).isInstanceOf(ApiException.class);
  }

  @Test
  void splitsNamesIntoParts() {
    assertThat(QueryParams.parse("a[b][c]")).isEqualTo(List.of("a", "b", "c"));
    assertThat(QueryParams.parse("plain")).isEqualTo(List.of("plain"));
    assertThat(QueryParams.parse("[odd]")).isEqualTo(List.of("[odd]"));
  }
}
