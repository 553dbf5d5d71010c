package dev.herald.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.support.BatchRecordingConsumer;
import dev.herald.support.HeraldTest;
import dev.herald.support.ReadingConsumer;
import dev.herald.support.RecordingConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventLogTest extends HeraldTest {

  @Autowired EventLog eventLog;
  @Autowired RecordingConsumer recorder;
  @Autowired BatchRecordingConsumer batchConsumer;
  @Autowired ReadingConsumer readingConsumer;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  private ProjectId project;

  @BeforeEach
  void project() {
    project = projects.create("events", null, null).projectId();
  }

  /** Appends the events with one call, in one transaction. */
  private List<Event> append(NewEvent... events) {
    return append(List.of(events));
  }

  private List<Event> append(List<NewEvent> events) {
    return tx.execute(s -> eventLog.appendAll(events));
  }

  private List<String> handledIds() {
    return recorder.handled().stream()
        .filter(e -> e.projectId().equals(project))
        .map(Event::id)
        .toList();
  }

  @Test
  void eachConsumerHandlesEachAcceptedEventOnce() {
    Event accepted =
        tx.execute(s -> eventLog.append(NewEvent.of(project, "test.one", null, Json.object())));
    tx.executeWithoutResult(
        s -> eventLog.append(NewEvent.of(project, "other.type", null, Json.object())));

    await().untilAsserted(() -> assertThat(handledIds()).containsExactly(accepted.id()));
    await().during(java.time.Duration.ofMillis(800)).until(() -> handledIds().size() == 1);
  }

  @Test
  void readersGetTheDataAsWrittenEachTheirOwnCopy() {
    ObjectNode data = Json.object().put("code", "AS-WRITTEN");
    data.set("voucher", Json.object().put("id", "v_1"));
    Event appended =
        tx.execute(
            s -> {
              Event e = eventLog.append(NewEvent.of(project, "test.copied", null, data));
              // the caller goes on using its objects after appending
              data.put("code", "CHANGED");
              ((ObjectNode) data.get("voucher")).put("id", "v_changed");
              return e;
            });
    data.put("code", "CHANGED AFTER COMMIT");

    await().untilAsserted(() -> assertThat(handledIds()).contains(appended.id()));
    Event handled =
        recorder.handled().stream().filter(e -> e.id().equals(appended.id())).findFirst().get();
    assertThat(handled.data().get("code").asString()).isEqualTo("AS-WRITTEN");
    assertThat(handled.data().at("/voucher/id").asString()).isEqualTo("v_1");

    ObjectNode first = eventLog.dataOf(List.of(appended.seq())).get(appended.seq());
    ((ObjectNode) first.get("voucher")).put("id", "v_reader");
    first.put("code", "READER");
    ObjectNode second = eventLog.dataOf(List.of(appended.seq())).get(appended.seq());
    assertThat(second.get("code").asString()).isEqualTo("AS-WRITTEN");
    assertThat(second.at("/voucher/id").asString()).isEqualTo("v_1");
    assertThat(second).isEqualTo(eventLog.find(project, appended.id()).orElseThrow().data());
    assertThat(eventLog.dataOf(List.of(-1L))).isEmpty();
  }

  @Test
  void anEventCommittedLateWithALowerSequenceIsNotSkipped() throws Exception {
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Event> slow =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      Event e =
                          eventLog.append(NewEvent.of(project, "test.slow", null, Json.object()));
                      appended.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException ex) {
                        throw new IllegalStateException(ex);
                      }
                      return e;
                    }));
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
    Event fast =
        tx.execute(s -> eventLog.append(NewEvent.of(project, "test.fast", null, Json.object())));
    await().untilAsserted(() -> assertThat(handledIds()).containsExactly(fast.id()));

    release.countDown();
    Event late = slow.get(10, TimeUnit.SECONDS);

    assertThat(late.seq()).isLessThan(fast.seq());
    await()
        .untilAsserted(
            () -> assertThat(handledIds()).containsExactlyInAnyOrder(fast.id(), late.id()));
  }

  @Test
  void aTransactionsEventsShareOneReadingIndexEntryAndStreamInSequenceAcrossPages() {
    String distribution = "distr_" + project.value();
    java.util.function.Supplier<Long> indexBytes =
        () ->
            jdbc.sql(
                    "select pg_relation_size('event_log_distribution')"
                        + " + pg_relation_size('event_log_stream')")
                .query(Long.class)
                .single();
    String start = eventLog.streamStart();
    long before = indexBytes.get();
    List<NewEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      events.add(new NewEvent(project, "test.sent", null, Json.object().put("n", i), distribution));
    }
    List<Event> appended = append(events);

    assertThat(indexBytes.get() - before)
        .as("5,000 entries of one transaction in the two reading indexes, about 6 bytes each")
        .isLessThan(100_000);
    StreamFilter ofDistribution = new StreamFilter(distribution, null, List.of(), null, null);
    await()
        .untilAsserted(
            () -> assertThat(streamFrom(start, ofDistribution, 300)).hasSize(appended.size()));
    assertThat(streamFrom(start, ofDistribution, 300).stream().map(Event::seq).toList())
        .as("pages that start inside the transaction go on where the last one ended")
        .isEqualTo(appended.stream().map(Event::seq).sorted().toList());
  }

  @Test
  void effectsOfADistributionCarryItInTheirCausationChain() {
    Event cause =
        tx.execute(s -> eventLog.append(NewEvent.of(project, "test.cause", null, Json.object())));

    Event effect =
        tx.execute(
            s ->
                eventLog.asEffectOf(
                    cause,
                    "distr_x",
                    () ->
                        eventLog.append(NewEvent.of(project, "test.effect", null, Json.object()))));
    Event plain =
        tx.execute(s -> eventLog.append(NewEvent.of(project, "test.plain", null, Json.object())));

    assertThat(effect.causedBy()).containsExactly("distr_x");
    assertThat(effect.depth()).isEqualTo(cause.depth() + 1);
    assertThat(effect.channel()).isEqualTo("INTERNAL");
    assertThat(plain.causedBy()).isEmpty();
    assertThat(plain.depth()).isZero();
  }

  @Test
  void eventDataIsCompressedWithLz4WhereTheServerHasItElseOnlyWhenItsRowOutgrowsAPage() {
    ObjectNode threeKb = Json.object();
    ObjectNode fortyKb = Json.object();
    for (int i = 0; i < 1_000; i++) {
      if (i < 90) {
        threeKb.put("member_" + i, "value of member " + i);
      }
      fortyKb.put("member_" + i, "value of member " + i);
    }
    List<Event> appended =
        append(
            NewEvent.of(project, "test.three", null, threeKb),
            NewEvent.of(project, "test.forty", null, fortyKb));
    boolean lz4 =
        jdbc.sql(
                "select 'lz4' = any(enumvals) from pg_settings"
                    + " where name = 'default_toast_compression'")
            .query(Boolean.class)
            .single();

    java.util.function.Function<Event, String> compression =
        e ->
            jdbc.sql(
                    "select coalesce(pg_column_compression(data), 'none') from event_log"
                        + " where seq = :seq")
                .param("seq", e.seq())
                .query(String.class)
                .single();
    assertThat(Json.write(threeKb).length()).isBetween(2_500, 3_500);
    assertThat(compression.apply(appended.get(0)))
        .as("a 3 KB event row: lz4, or stored as written")
        .isEqualTo(lz4 ? "lz4" : "none");
    assertThat(compression.apply(appended.get(1)))
        .as("a 40 KB event row does not fit a page: compressed")
        .isEqualTo(lz4 ? "lz4" : "pglz");
    assertThat(eventLog.find(project, appended.get(0).id()).orElseThrow().data())
        .isEqualTo(threeKb);
    assertThat(eventLog.find(project, appended.get(1).id()).orElseThrow().data())
        .isEqualTo(fortyKb);
  }

  @Test
  void eventsAppendedWithTheSameDataStoreItOnceAndReadItWhole() {
    ObjectNode data = Json.object().put("code", "SHARED-1");
    data.set("customer", Json.object().put("id", "cust_1").put("name", "Ann"));
    List<Event> appended =
        append(
            NewEvent.of(project, "test.first", null, data),
            NewEvent.of(project, "test.second", null, data),
            NewEvent.of(project, "test.other", null, data.deepCopy()));

    assertThat(
            jdbc.sql(
                    "select count(data) from event_log where project_id = :p"
                        + " and type like 'test.%'")
                .param("p", project.value())
                .query(Long.class)
                .single())
        .as("the second event refers to the first's data; an equal copy is stored as given")
        .isEqualTo(2);
    Event second = eventLog.find(project, appended.get(1).id()).orElseThrow();
    assertThat(second.data()).isEqualTo(data);
    assertThat(
            eventLog
                .activity(project, StreamFilter.all(), new ActivityQuery(10, false, null))
                .events())
        .extracting(Event::data)
        .containsOnly(data);
    await().untilAsserted(() -> assertThat(handledIds()).contains(appended.get(1).id()));
    assertThat(recorder.handled())
        .filteredOn(e -> e.id().equals(appended.get(1).id()))
        .extracting(Event::data)
        .containsOnly(data);
  }

  @Test
  void anEventIsFoundByItsIdInItsProjectOnlyAndIdsMadeBeforeStillFindTheirs() {
    ObjectNode data = Json.object().put("code", "BY-ID");
    List<Event> appended =
        append(
            NewEvent.of(project, "test.id.first", "cust_by_id", data),
            NewEvent.of(project, "test.id.second", "cust_by_id", data),
            NewEvent.of(project, "test.id.plain", null, Json.object().put("n", 1)));
    Event single =
        tx.execute(s -> eventLog.append(NewEvent.of(project, "test.id.single", null, data)));

    for (Event e : List.of(appended.get(0), appended.get(1), appended.get(2), single)) {
      assertThat(EventIds.seqOf(e.id())).as(e.id()).hasValue(e.seq());
      Event found = eventLog.find(project, e.id()).orElseThrow();
      assertThat(found.id()).isEqualTo(e.id());
      assertThat(found.type()).isEqualTo(e.type());
    }
    assertThat(appended.get(0).id()).startsWith("evcus_");
    assertThat(appended.get(2).id()).startsWith("ev_");
    assertThat(
            jdbc.sql("select id from event_log where seq = :s")
                .param("s", single.seq())
                .query(String.class)
                .single())
        .as("the id stored is the id returned")
        .isEqualTo(single.id());

    ProjectId other = projects.create("events-other", null, null).projectId();
    assertThat(eventLog.find(other, single.id())).as("another project's event").isEmpty();
    String id = single.id();
    int tail = id.length() - EventIds.TAIL;
    String guessed =
        id.substring(0, tail) + (id.charAt(tail) == 'a' ? 'b' : 'a') + id.substring(tail + 1);
    assertThat(eventLog.find(project, guessed)).as("the right number, another tail").isEmpty();

    // a row as V916 found it: its ids have the time in base 36 where the number is now
    long seq = jdbc.sql("select nextval('event_log_seq_seq')").query(Long.class).single();
    jdbc.sql(
            "insert into event_log (seq, id, project_id, type, customer_id, data, created_at,"
                + " also_type, also_id) values (:seq, 'evcus_mi3k2x1aAbCdEfGhIjKlMnOp', :p,"
                + " 'test.legacy.first', 'cust_legacy', '{}', now(), 'test.legacy.second',"
                + " 'evcus_mi3k2x1aQrStUvWxYz012345')")
        .param("seq", seq)
        .param("p", project.value())
        .update();
    assertThat(eventLog.find(project, "evcus_mi3k2x1aAbCdEfGhIjKlMnOp").orElseThrow().type())
        .isEqualTo("test.legacy.first");
    Event legacySecond = eventLog.find(project, "evcus_mi3k2x1aQrStUvWxYz012345").orElseThrow();
    assertThat(legacySecond.type()).isEqualTo("test.legacy.second");
    assertThat(legacySecond.seq()).isEqualTo(seq + 1);
    assertThat(eventLog.find(other, "evcus_mi3k2x1aAbCdEfGhIjKlMnOp")).isEmpty();
  }

  @Test
  void twoFactsOfOneChangeShareARowAndReadBackAsTwoEventsEverywhere() {
    String start = eventLog.streamStart();
    ObjectNode data = Json.object().put("code", "PAIR-1");
    data.set("customer", Json.object().put("id", "cust_pair").put("name", "Ann"));
    List<Event> appended =
        append(
            NewEvent.of(project, "test.pair.first", "cust_pair", data),
            NewEvent.of(project, "test.pair.second", "cust_pair", data),
            NewEvent.of(project, "test.after", "cust_pair", Json.object().put("n", 1)));
    Event first = appended.get(0);
    Event second = appended.get(1);
    Event after = appended.get(2);

    assertThat(
            jdbc.sql(
                    "select coalesce(also_type, '-') from event_log where project_id = :p"
                        + " order by seq")
                .param("p", project.value())
                .query(String.class)
                .list())
        .as("the second fact is held in its sibling's row")
        .containsExactly("test.pair.second", "-");
    assertThat(second.seq()).isEqualTo(first.seq() + 1);
    assertThat(after.seq()).isGreaterThan(second.seq());
    assertThat(second.id()).isNotEqualTo(first.id()).startsWith("evcus_");

    Event found = eventLog.find(project, second.id()).orElseThrow();
    assertThat(found.type()).isEqualTo("test.pair.second");
    assertThat(found.seq()).isEqualTo(second.seq());
    assertThat(found.customerId()).isEqualTo("cust_pair");
    assertThat(found.data()).isEqualTo(data);
    assertThat(eventLog.find(project, first.id()).orElseThrow().type())
        .isEqualTo("test.pair.first");

    Map<Long, ObjectNode> bySeq = eventLog.dataOf(List.of(second.seq(), first.seq()));
    assertThat(bySeq).containsOnlyKeys(first.seq(), second.seq());
    bySeq.get(first.seq()).put("code", "READER");
    assertThat(bySeq.get(second.seq()).get("code").asString())
        .as("each fact's data is its own copy")
        .isEqualTo("PAIR-1");
    assertThat(eventLog.dataOf(List.of(after.seq() + 1))).as("no fact after a plain row").isEmpty();

    assertThat(pageByPage(StreamFilter.all(), false))
        .containsExactly(after.id(), second.id(), first.id());
    assertThat(pageByPage(StreamFilter.all(), true))
        .containsExactly(first.id(), second.id(), after.id());
    StreamFilter seconds =
        new StreamFilter(null, "cust_pair", List.of("test.pair.second"), null, null);
    assertThat(pageByPage(seconds, false)).containsExactly(second.id());
    assertThat(pageByPage(seconds, true)).containsExactly(second.id());
    StreamFilter firsts = new StreamFilter(null, null, List.of("test.pair.first"), null, null);
    assertThat(pageByPage(firsts, false)).containsExactly(first.id());

    await()
        .untilAsserted(
            () ->
                assertThat(streamFrom(start, StreamFilter.all(), 1))
                    .extracting(Event::id)
                    .containsExactly(first.id(), second.id(), after.id()));
    assertThat(eventLog.stream(project, seconds, start, 10))
        .extracting(Event::id)
        .containsExactly(second.id());
    String atFirst = streamFrom(start, StreamFilter.all(), 10).get(0).cursor();
    assertThat(eventLog.stream(project, StreamFilter.all(), "00" + atFirst, 10))
        .as("a cursor written with leading zeros names the same event")
        .extracting(Event::id)
        .containsExactly(second.id(), after.id());
    assertThatThrownBy(
            () -> eventLog.stream(project, StreamFilter.all(), "99999999999999999999-1", 10))
        .as("a position out of range is a bad request, not a server error")
        .isInstanceOf(dev.herald.shared.ApiException.class);

    await()
        .untilAsserted(
            () -> assertThat(handledIds()).contains(first.id(), second.id(), after.id()));
    assertThat(recorder.handled())
        .filteredOn(e -> e.id().equals(second.id()))
        .extracting(Event::type, Event::seq)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("test.pair.second", second.seq()));
  }

  @Test
  void aTypeFilterTakesItsPrefixAsWrittenWildcardsIncluded() {
    String start = eventLog.streamStart();
    Event first = append(NewEvent.of(project, "test.a_b", null, Json.object())).get(0);
    append(
        NewEvent.of(project, "test.axb", null, Json.object()),
        NewEvent.of(project, "test.a%b", null, Json.object()));
    Event last = append(NewEvent.of(project, "test.a_c", null, Json.object())).get(0);
    StreamFilter underscore = new StreamFilter(null, null, List.of("test.a_"), null, null);

    // read a page at a time, the events between the two must not end the paging early
    assertThat(pageByPage(underscore, false)).containsExactly(last.id(), first.id());
    assertThat(pageByPage(underscore, true)).containsExactly(first.id(), last.id());
    await()
        .untilAsserted(
            () ->
                assertThat(streamFrom(start, underscore, 1))
                    .extracting(Event::id)
                    .containsExactly(first.id(), last.id()));
  }

  /** The project's stream from {@code cursor} to its end, read {@code pageSize} at a time. */
  private List<Event> streamFrom(String cursor, StreamFilter filter, int pageSize) {
    List<Event> read = new java.util.ArrayList<>();
    List<Event> page;
    do {
      page = eventLog.stream(project, filter, cursor, pageSize);
      read.addAll(page);
      cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).cursor();
    } while (!page.isEmpty());
    return read;
  }

  /** The ids of the project's activity read one event a page, as a client pages through it. */
  private List<String> pageByPage(StreamFilter filter, boolean ascending) {
    List<String> ids = new java.util.ArrayList<>();
    String last = null;
    EventLog.ActivityPage page;
    do {
      page = eventLog.activity(project, filter, new ActivityQuery(1, ascending, last));
      page.events().forEach(e -> ids.add(e.id()));
      last = page.events().isEmpty() ? last : page.events().get(0).id();
    } while (page.hasMore());
    return ids;
  }

  @Test
  void aMemberSharedByTheEventsOfAnAppendIsStoredOnceAndReadWhole() {
    ObjectNode campaign =
        Json.object().put("id", "camp_1").put("name", "Spring").put("type", "AUTO").put("n", 4);
    List<ObjectNode> datas = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ObjectNode data = Json.object().put("code", "C" + i);
      data.set("customer", Json.object().put("id", "cust_" + i));
      data.set("campaign", campaign);
      datas.add(data);
    }
    List<Event> appended =
        append(
            NewEvent.of(project, "test.shared", null, datas.get(0)),
            NewEvent.of(project, "test.shared", null, datas.get(1)),
            NewEvent.of(project, "test.also", null, datas.get(1)),
            NewEvent.of(project, "test.shared", null, datas.get(2)));
    campaign.put("name", "CHANGED AFTER APPEND");

    assertThat(
            jdbc.sql(
                    "select count(*) from event_log where project_id = :p"
                        + " and data::text like '%\"$event\"%'")
                .param("p", project.value())
                .query(Long.class)
                .single())
        .as("the second and fourth events store the campaign as a mark")
        .isEqualTo(2);
    for (int i = 0; i < appended.size(); i++) {
      Event read = eventLog.find(project, appended.get(i).id()).orElseThrow();
      assertThat(read.data().at("/campaign/name").asString()).isEqualTo("Spring");
      assertThat(read.data().at("/campaign/n").asInt()).isEqualTo(4);
    }
    Map<Long, ObjectNode> bySeq =
        eventLog.dataOf(List.of(appended.get(1).seq(), appended.get(3).seq()));
    assertThat(bySeq.get(appended.get(3).seq()).at("/customer/id").asString()).isEqualTo("cust_2");
    assertThat(bySeq.get(appended.get(3).seq()).at("/campaign/id").asString()).isEqualTo("camp_1");
    ((ObjectNode) bySeq.get(appended.get(1).seq()).get("campaign")).put("name", "READER");
    assertThat(bySeq.get(appended.get(3).seq()).at("/campaign/name").asString())
        .as("each reader gets its own copy")
        .isEqualTo("Spring");
    assertThat(
            eventLog
                .activity(project, StreamFilter.all(), new ActivityQuery(10, false, null))
                .events())
        .extracting(e -> e.data().at("/campaign/name").asString())
        .containsExactly("Spring", "Spring", "Spring", "Spring");
    assertThat(
            eventLog
                .activity(project, StreamFilter.all(), new ActivityQuery(1, false, null))
                .events())
        .as("the holder is read even when it is not on the page")
        .extracting(e -> e.data().at("/campaign/type").asString())
        .containsExactly("AUTO");
  }

  @Test
  void aMemberMostlyLikeAnEarlierOneOfItsNameIsStoredAsItsDifferencesAndReadWhole() {
    List<ObjectNode> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ObjectNode code =
          Json.object().put("id", "v_" + i).put("code", "CODE-" + i).put("campaign", "Spring");
      code.set("discount", Json.object().put("type", "PERCENT").put("percent_off", 10));
      code.put("active", true).putNull("start_date").put("type", "DISCOUNT_VOUCHER");
      code.set("assets", Json.object().put("qr", "https://qr/" + i));
      code.put("object", "voucher");
      codes.add(code);
    }
    // the same fields in another order: stored whole, so it reads back in its own order
    ObjectNode reordered = Json.object().put("code", "CODE-R").put("id", "v_r");
    codes.get(0).properties().stream()
        .filter(f -> !f.getKey().equals("id") && !f.getKey().equals("code"))
        .forEach(f -> reordered.set(f.getKey(), f.getValue().deepCopy()));
    codes.add(reordered);
    // more than half of its fields differ: stored whole
    ObjectNode unlike = codes.get(0).deepCopy();
    for (String f : List.of("id", "code", "campaign", "active", "start_date")) {
      unlike.put(f, "other-" + f);
    }
    codes.add(unlike);
    List<NewEvent> events = new java.util.ArrayList<>();
    List<ObjectNode> publications = new java.util.ArrayList<>();
    for (ObjectNode code : codes) {
      ObjectNode data = Json.object().put("n", code.get("id").asString());
      data.set("voucher", code);
      // holds a copy of the voucher, stored as {"$same": "voucher"} and put back from this event's
      ObjectNode publication =
          Json.object().put("id", "pub_" + code.get("id").asString()).put("object", "publication");
      publication.put("channel", "API").put("result", "SUCCESS").putNull("source_id");
      publication.set("metadata", Json.object().put("source_type", "distribution"));
      publication.put("customer_id", "cust_1").put("tracking_id", "t-1");
      publication.set("voucher", code.deepCopy());
      data.set("publication", publication);
      publications.add(publication);
      events.add(NewEvent.of(project, "test.like", null, data));
    }
    List<Event> appended = append(events);

    List<String> stored =
        jdbc.sql(
                "select data::text from event_log where project_id = :p and type = 'test.like'"
                    + " order by seq")
            .param("p", project.value())
            .query(String.class)
            .list();
    assertThat(stored.get(0)).doesNotContain("$with").contains("{\"$same\":\"voucher\"}");
    for (int i = 1; i < 4; i++) {
      ObjectNode with = (ObjectNode) Json.parse(stored.get(i)).at("/voucher/$with");
      assertThat(with.propertyNames())
          .as("only what differs from the first code is stored")
          .containsExactly("id", "code", "assets");
    }
    assertThat(Json.parse(stored.get(4)).at("/voucher/$with").isMissingNode())
        .as("another order")
        .isTrue();
    assertThat(Json.parse(stored.get(5)).at("/voucher/$with").isMissingNode())
        .as("mostly different")
        .isTrue();
    for (int i = 1; i < codes.size(); i++) {
      assertThat(Json.parse(stored.get(i)).at("/publication/$with").propertyNames())
          .as("the publication as stored, its copy of the voucher a mark, is like the first")
          .containsExactly("id");
    }

    for (int i = 0; i < codes.size(); i++) {
      Event read = eventLog.find(project, appended.get(i).id()).orElseThrow();
      assertThat(read.data().get("voucher")).isEqualTo(codes.get(i));
      assertThat(read.data().get("publication"))
          .as("with its own voucher put back")
          .isEqualTo(publications.get(i));
      assertThat(Json.write(read.data().get("voucher")))
          .as("fields in the order written")
          .isEqualTo(Json.write(codes.get(i)));
    }
    Map<Long, ObjectNode> bySeq =
        eventLog.dataOf(List.of(appended.get(2).seq(), appended.get(3).seq()));
    ((ObjectNode) bySeq.get(appended.get(2).seq()).get("voucher")).put("campaign", "READER");
    assertThat(bySeq.get(appended.get(3).seq()).at("/voucher/campaign").asString())
        .as("each reader gets its own copy")
        .isEqualTo("Spring");
    assertThat(
            eventLog
                .activity(project, StreamFilter.all(), new ActivityQuery(2, false, null))
                .events())
        .as("the first code is read even when it is not on the page")
        .extracting(e -> e.data().get("voucher"))
        .containsExactly(codes.get(5), codes.get(4));
    assertThat(
            eventLog
                .activity(project, StreamFilter.all(), new ActivityQuery(3, false, null))
                .events())
        .extracting(e -> e.data().get("voucher"))
        .containsExactly(codes.get(5), codes.get(4), codes.get(3));
  }

  /**
   * Appends events in one transaction; returns them and the tasks queued for the batch consumer.
   */
  private record Appended(List<Event> events, List<List<Long>> batchTasks) {}

  private Appended appendTogether(NewEvent... events) {
    return tx.execute(
        s -> {
          List<Event> appended = eventLog.appendAll(List.of(events));
          List<List<Long>> queued =
              jdbc.sql(
                      "select payload::text from work_item where queue = 'event:test.batch-recorder'"
                          + " and project_id = :p order by id")
                  .param("p", project.value())
                  .query((rs, i) -> seqs(Json.parse(rs.getString(1))))
                  .list();
          return new Appended(appended, queued);
        });
  }

  private static List<Long> seqs(JsonNode payload) {
    List<Long> out = new java.util.ArrayList<>();
    payload.path("seqs").forEach(n -> out.add(n.asLong()));
    return out;
  }

  @Test
  void aGroupCommittingConsumerHandlesTheEventsOfOneAppendTogetherInOrder() {
    Appended result =
        appendTogether(
            NewEvent.of(project, "batch.a", null, Json.object()),
            NewEvent.of(project, "batch.b", null, Json.object()),
            NewEvent.of(project, "batch.c", null, Json.object()));
    List<Event> appended = result.events();

    assertThat(result.batchTasks())
        .as("one task carrying the append's events in order")
        .containsExactly(appended.stream().map(Event::seq).toList());

    await()
        .untilAsserted(() -> assertThat(batchHandled()).extracting(h -> h.event().id()).hasSize(3));
    await().during(java.time.Duration.ofMillis(500)).until(() -> batchHandled().size() == 3);
    assertThat(batchHandled())
        .extracting(h -> h.event().id())
        .containsExactly(appended.stream().map(Event::id).toArray(String[]::new));
    assertThat(batchHandled())
        .extracting(BatchRecordingConsumer.Handled::transaction)
        .as("one task, one transaction")
        .containsOnly(batchHandled().get(0).transaction());
  }

  @Test
  void aBadEventInAnAppendIsRetriedOnItsOwnWhileTheOthersAreHandled() {
    List<Event> appended =
        appendTogether(
                NewEvent.of(project, "batch.ok", null, Json.object()),
                NewEvent.of(project, "batch.bad", null, Json.object().put("fail", true)),
                NewEvent.of(project, "batch.ok", null, Json.object()))
            .events();
    String bad = appended.get(1).id();
    await().until(() -> batchConsumer.failures(bad) >= 1);
    assertThat(batchHandled()).isEmpty();

    clock.advance(java.time.Duration.ofSeconds(5)); // past the first retry's backoff

    await()
        .untilAsserted(
            () ->
                assertThat(batchHandled())
                    .extracting(h -> h.event().id())
                    .containsExactlyInAnyOrder(appended.get(0).id(), appended.get(2).id()));
    await().until(() -> batchConsumer.failures(bad) >= 2);
    assertThat(batchHandled()).hasSize(2);
  }

  @Test
  void aConsumerNamingWhatItReadsGetsItsEventsCarriedInItsTaskWithJustThoseMembers() {
    ObjectNode data = Json.object();
    data.putObject("a").put("b", 1).put("other", "not read");
    data.put("c", "three");
    data.put("d", "not read");
    List<Event> appended =
        append(
            NewEvent.of(project, "reads.one", "cust_reader", data),
            NewEvent.of(project, "reads.two", null, Json.object().put("c", 2)),
            NewEvent.of(
                project,
                "reads.three",
                null,
                (ObjectNode) Json.parse("{\"a\":\"flat\",\"c\":null}")));

    await().until(() -> readHandled().size() == 3);
    await().during(java.time.Duration.ofMillis(500)).until(() -> readHandled().size() == 3);
    Event first = readHandled().get(0).event();
    assertThat(first.data())
        .as("only the named members, from the event as appended")
        .isEqualTo(Json.parse("{\"a\":{\"b\":1},\"c\":\"three\"}"));
    assertThat(readHandled().get(1).event().data()).isEqualTo(Json.parse("{\"c\":2}"));
    assertThat(readHandled().get(2).event().data())
        .as("a null member is carried; a path through a non-object is absent")
        .isEqualTo(Json.parse("{\"c\":null}"));
    Event stored = eventLog.find(project, appended.get(0).id()).orElseThrow();
    assertThat(first)
        .as("the envelope as the log keeps it")
        .usingRecursiveComparison()
        .ignoringFields("data", "cursor")
        .isEqualTo(stored);
    assertThat(stored.data().get("d").asString()).isEqualTo("not read");
    assertThat(readHandled())
        .extracting(BatchRecordingConsumer.Handled::transaction)
        .containsOnly(readHandled().get(0).transaction());
  }

  @Test
  void aBadCarriedEventIsRetriedOnItsOwnWhileTheOthersAreHandled() {
    List<Event> appended =
        append(
            NewEvent.of(project, "reads.ok", null, Json.object().put("c", 1)),
            NewEvent.of(project, "reads.bad", null, Json.object().put("fail", true)),
            NewEvent.of(project, "reads.ok", null, Json.object().put("c", 3)));
    String bad = appended.get(1).id();
    await().until(() -> readingConsumer.failures(bad) >= 1);
    assertThat(readHandled()).isEmpty();

    clock.advance(java.time.Duration.ofSeconds(5)); // past the first retry's backoff

    await()
        .untilAsserted(
            () ->
                assertThat(readHandled())
                    .extracting(h -> h.event().data().get("c").asInt())
                    .containsExactlyInAnyOrder(1, 3));
    await().until(() -> readingConsumer.failures(bad) >= 2);
    assertThat(readHandled()).hasSize(2);
  }

  private List<BatchRecordingConsumer.Handled> readHandled() {
    return ofThisProject(readingConsumer.handled());
  }

  private List<BatchRecordingConsumer.Handled> batchHandled() {
    return ofThisProject(batchConsumer.handled());
  }

  private List<BatchRecordingConsumer.Handled> ofThisProject(
      List<BatchRecordingConsumer.Handled> handled) {
    return handled.stream().filter(h -> h.event().projectId().equals(project)).toList();
  }
}
