package dev.herald.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreUniqueAndThoseMadeLaterSortAfterEvenAcrossCaseInsensitiveCollations()
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(Ids.newId("msg_"));
      if (i % 5_000 == 0) {
        Thread.sleep(2);
      }
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(ids).allMatch(id -> id.matches("msg_[0-9a-z]{8}[0-9a-zA-Z]{16}"));
    for (int i = 1; i < ids.size(); i++) {
      String before = ids.get(i - 1).substring(4, 12);
      String after = ids.get(i).substring(4, 12);
      // the time part is lower-case base 36: the same order in C and in linguistic collations
      assertThat(after.compareTo(before)).isGreaterThanOrEqualTo(0);
    }
    assertThat(ids.get(ids.size() - 1).substring(4, 12)).isGreaterThan(ids.get(0).substring(4, 12));
  }

  @Test
  void keysAreUniqueSecretsOfTheSameLengthAsBeforeThatSortByTimeMade() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      keys.add(Ids.newKey());
      if (i % 5_000 == 0) {
        Thread.sleep(2);
      }
    }
    assertThat(new HashSet<>(keys)).hasSize(keys.size());
    assertThat(keys).allMatch(k -> k.matches("[0-9a-z]{8}[0-9a-zA-Z]{24}"));
    for (int i = 1; i < keys.size(); i++) {
      assertThat(keys.get(i).substring(0, 8).compareTo(keys.get(i - 1).substring(0, 8)))
          .isGreaterThanOrEqualTo(0);
    }
    assertThat(keys.get(keys.size() - 1).substring(0, 8))
        .isGreaterThan(keys.get(0).substring(0, 8));
  }
}
