package dev.herald.analytics;

import dev.herald.eventlog.Event;
import dev.herald.eventlog.EventLog;
import dev.herald.eventlog.StreamFilter;
import dev.herald.projects.ProjectId;
import dev.herald.shared.json.Json;
import dev.herald.shared.work.Wakeups;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live activity over Server-Sent Events. Each open stream has a filter and a cursor into the event
 * log's gap-free order; one thread per node wakes when any node appends an event to a watched
 * project (Postgres NOTIFY) or every second, and sends each stream what follows its cursor. The SSE
 * {@code id} is the cursor, so a reconnecting client's {@code Last-Event-ID} resumes exactly there.
 */
@Component
class ActivityStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ActivityStreams.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int BATCH = 200;

  private final EventLog eventLog;
  private final Wakeups wakeups;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private volatile boolean running = true;
  private Thread pump;

  ActivityStreams(EventLog eventLog, Wakeups wakeups) {
    this.eventLog = eventLog;
    this.wakeups = wakeups;
    wakeups.subscribe(EventLog.STREAM_WAKE, name -> poke());
  }

  private final class Stream {
    final ProjectId project;
    final StreamFilter filter;
    final SseEmitter emitter;
    volatile String cursor;
    volatile long lastSentNanos = System.nanoTime();

    Stream(ProjectId project, StreamFilter filter, SseEmitter emitter, String cursor) {
      this.project = project;
      this.filter = filter;
      this.emitter = emitter;
      this.cursor = cursor;
    }
  }

  /** Opens a stream from {@code lastEventId} (or from now) and returns its emitter. */
  SseEmitter open(ProjectId project, StreamFilter filter, String lastEventId) {
    String cursor =
        lastEventId == null || lastEventId.isBlank() ? eventLog.streamStart() : lastEventId;
    eventLog.stream(project, filter, cursor, 1); // validates the cursor before the stream opens
    SseEmitter emitter = new SseEmitter(0L);
    Stream stream = new Stream(project, filter, emitter, cursor);
    emitter.onCompletion(() -> streams.remove(stream));
    emitter.onTimeout(() -> streams.remove(stream));
    emitter.onError(e -> streams.remove(stream));
    try {
      // an early comment commits the response, so clients see the stream open at once
      emitter.send(SseEmitter.event().comment("open").reconnectTime(2000));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    streams.add(stream);
    ensurePumping();
    poke();
    return emitter;
  }

  private synchronized void ensurePumping() {
    if (pump == null) {
      wakeups.start();
      pump = new Thread(this::pumpLoop, "herald-activity-streams");
      pump.setDaemon(true);
      pump.start();
    }
  }

  private void poke() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void pumpLoop() {
    while (running) {
      for (Stream s : List.copyOf(streams)) {
        try {
          deliver(s);
        } catch (IOException | IllegalStateException e) {
          streams.remove(s);
          s.emitter.completeWithError(e);
        } catch (RuntimeException e) {
          log.warn("Activity stream failed; closing it", e);
          streams.remove(s);
          s.emitter.completeWithError(e);
        }
      }
      synchronized (signal) {
        try {
          signal.wait(POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void deliver(Stream s) throws IOException {
    List<Event> events;
    do {
      events = eventLog.stream(s.project, s.filter, s.cursor, BATCH);
      for (Event e : events) {
        s.emitter.send(
            SseEmitter.event().id(e.cursor()).name(e.type()).data(Json.write(ActivityJson.of(e))));
        s.cursor = e.cursor();
        s.lastSentNanos = System.nanoTime();
      }
    } while (events.size() == BATCH);
    if (System.nanoTime() - s.lastSentNanos > HEARTBEAT.toNanos()) {
      s.emitter.send(SseEmitter.event().comment("keep-alive"));
      s.lastSentNanos = System.nanoTime();
    }
  }

  int open() {
    return streams.size();
  }

  @Override
  public void start() {
    running = true;
  }

  /** Streams end before the web server's graceful shutdown, which would otherwise wait for them. */
  @Override
  public void stop() {
    running = false;
    poke();
    streams.forEach(s -> s.emitter.complete());
    streams.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
