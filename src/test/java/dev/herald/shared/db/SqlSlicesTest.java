package dev.herald.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a multi-row statement's rows are cut into slices of bounded parameter size. */
class SqlSlicesTest {

  @Test
  void rowsFillSlicesInOrderUpToTheLimit() {
    int[] sizes = {40, 40, 40, 40, 40};
    assertThat(Sql.slices(sizes.length, i -> sizes[i], 100))
        .containsExactly(new Sql.Slice(0, 2), new Sql.Slice(2, 4), new Sql.Slice(4, 5));
  }

  @Test
  void aRowLargerThanTheLimitIsASliceOfItsOwn() {
    int[] sizes = {10, 500, 10, 10};
    assertThat(Sql.slices(sizes.length, i -> sizes[i], 100))
        .containsExactly(new Sql.Slice(0, 1), new Sql.Slice(1, 2), new Sql.Slice(2, 4));
  }

  @Test
  void aBatchUnderTheLimitIsOneSliceAndNoRowsNone() {
    assertThat(Sql.slices(3, i -> 10, 100)).containsExactly(new Sql.Slice(0, 3));
    assertThat(Sql.slices(0, i -> 10, 100)).isEmpty();
  }

  @Test
  void aManualSendsBatchOfPublicationEventsStaysUnderTheHumongousSize() {
    // 500 publications: a 3 KB payload and a shared one (stored once) each
    List<Sql.Slice> slices =
        Sql.slices(1000, i -> 200 + (i % 2 == 0 ? 3_100 : 0), Sql.STATEMENT_BYTES);
    assertThat(slices).hasSizeGreaterThan(1);
    assertThat(slices.get(0).from()).isZero();
    assertThat(slices.get(slices.size() - 1).to()).isEqualTo(1000);
    for (int k = 1; k < slices.size(); k++) {
      assertThat(slices.get(k).from()).isEqualTo(slices.get(k - 1).to());
    }
    for (Sql.Slice s : slices) {
      long bytes = 0;
      for (int i = s.from(); i < s.to(); i++) {
        bytes += 200 + (i % 2 == 0 ? 3_100 : 0);
      }
      assertThat(bytes).isLessThanOrEqualTo(Sql.STATEMENT_BYTES).isLessThan(512 * 1024);
    }
  }
}
