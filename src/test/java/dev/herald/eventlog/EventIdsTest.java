package dev.herald.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void anIdNamesItsSequenceNumber() {
    String id = EventIds.of("evcus_", 0xabc123L, "Zz0123456789");
    assertThat(id).isEqualTo("evcus_000000abc123Zz0123456789");
    assertThat(EventIds.seqOf(id)).hasValue(0xabc123L);
    assertThat(EventIds.seqOf(EventIds.of("ev_", 1, EventIds.tail()))).hasValue(1);
    long largest = (1L << 44) - 1;
    assertThat(EventIds.seqOf(EventIds.of("ev_", largest, EventIds.tail()))).hasValue(largest);
    assertThat(EventIds.tail()).hasSize(EventIds.TAIL).isNotEqualTo(EventIds.tail());
  }

  @Test
  void idsMadeBeforeOrNotAnEventsNameNoSequenceNumber() {
    // the time in base 36, then 16 random characters: the ids made before V916
    assertThat(EventIds.seqOf("evcus_mi3k2x1aAbCdEfGhIjKlMnOp")).isEmpty();
    assertThat(EventIds.seqOf("ev_mi3k2x1aAbCdEfGhIjKlMnOp")).isEmpty();
    assertThat(EventIds.seqOf("evcus_0000000000g1Zz0123456789")).as("not hexadecimal").isEmpty();
    assertThat(EventIds.seqOf("evcus_000000abc123Zz012345678")).as("too short").isEmpty();
    assertThat(EventIds.seqOf("000000abc123Zz0123456789")).as("no prefix").isEmpty();
    assertThat(EventIds.seqOf("")).isEmpty();
  }

  @Test
  void aNumberTooLargeForAnIdIsRefused() {
    assertThatThrownBy(() -> EventIds.of("ev_", 1L << 44, "Zz0123456789"))
        .isInstanceOf(IllegalStateException.class);
  }
}
