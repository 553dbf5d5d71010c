package dev.herald.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook sink standing in for the receivers, which in a real deployment run on other machines:
 * it counts deliveries and, when asked to, notes when each customer's webhook arrived.
 *
 * <p>It shares the benchmark's two cores with Herald, so it is built to cost little: one thread, a
 * selector over keep-alive HTTP/1.1 connections, requests parsed from the bytes (request line and
 * headers up to the blank line, then {@code Content-Length} bytes of body), each answered {@code
 * 204}. A request it cannot read (no {@code Content-Length}) is answered {@code 411} and not
 * counted, so a run with such requests never finishes.
 */
public final class WebhookSink {

  public final AtomicInteger count = new AtomicInteger();
  public final AtomicLong bytes = new AtomicLong();
  public final Map<String, Long> arrivals = new ConcurrentHashMap<>();

  private static final byte[] NO_CONTENT =
      "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LENGTH_REQUIRED =
      "HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SOURCE_ID = "\"source_id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final boolean recordArrivals;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread loop;
  private volatile boolean running = true;

  /** A sink that counts deliveries only. */
  public WebhookSink() throws IOException {
    this(false);
  }

  /** A sink that also notes each customer's (the body's first {@code source_id}) arrival time. */
  public WebhookSink(boolean recordArrivals) throws IOException {
    this.recordArrivals = recordArrivals;
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    loop = new Thread(this::serve, "webhook-sink");
    loop.setDaemon(true);
    loop.start();
  }

  /** A connection's unread bytes and the response bytes not yet written. */
  private static final class Connection {
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    ByteBuffer out;
  }

  private void serve() {
    while (running) {
      try {
        selector.select(200);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            if (key.isAcceptable()) {
              SocketChannel c = server.accept();
              if (c != null) {
                c.configureBlocking(false);
                c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                c.register(selector, SelectionKey.OP_READ, new Connection());
              }
            } else if (key.isWritable()) {
              flush(key);
            } else if (key.isReadable()) {
              read(key);
            }
          } catch (IOException | RuntimeException e) {
            key.cancel();
            key.channel().close();
          }
        }
      } catch (IOException e) {
        if (running) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }

  private void read(SelectionKey key) throws IOException {
    Connection conn = (Connection) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    if (!conn.in.hasRemaining()) {
      conn.in = ByteBuffer.allocate(conn.in.capacity() * 2).put(conn.in.flip());
    }
    if (channel.read(conn.in) < 0) {
      key.cancel();
      channel.close();
      return;
    }
    ByteBuffer responses = null;
    while (true) {
      byte[] buf = conn.in.array();
      int end = conn.in.position();
      int headersEnd = indexOf(buf, 0, end, new byte[] {'\r', '\n', '\r', '\n'});
      if (headersEnd < 0) {
        break;
      }
      int bodyStart = headersEnd + 4;
      long length = contentLength(buf, bodyStart);
      if (length < 0) {
        conn.out = ByteBuffer.wrap(LENGTH_REQUIRED);
        key.interestOps(SelectionKey.OP_WRITE);
        conn.in.clear();
        flush(key);
        return;
      }
      if (end - bodyStart < length) {
        if (bodyStart + length > buf.length) {
          conn.in = ByteBuffer.allocate((int) (bodyStart + length)).put(conn.in.flip());
        }
        break;
      }
      received(buf, bodyStart, (int) length);
      responses = append(responses, NO_CONTENT);
      // keep what follows this request (the next one, when a client pipelines)
      int next = bodyStart + (int) length;
      conn.in.flip().position(next);
      conn.in.compact();
    }
    if (responses != null) {
      conn.out = responses.flip();
      flush(key);
    }
  }

  private void received(byte[] buf, int from, int length) {
    if (recordArrivals) {
      long now = System.nanoTime();
      int at = indexOf(buf, from, from + length, SOURCE_ID);
      if (at >= 0) {
        int start = at + SOURCE_ID.length;
        int stop = start;
        while (stop < from + length && buf[stop] != '"') {
          stop++;
        }
        arrivals.putIfAbsent(
            new String(buf, start, stop - start, StandardCharsets.UTF_8), now);
      }
    }
    bytes.addAndGet(length);
    count.incrementAndGet();
  }

  private static ByteBuffer append(ByteBuffer to, byte[] response) {
    if (to == null) {
      to = ByteBuffer.allocate(response.length * 4);
    } else if (to.remaining() < response.length) {
      to = ByteBuffer.allocate(to.capacity() * 2).put(to.flip());
    }
    return to.put(response);
  }

  private static void flush(SelectionKey key) throws IOException {
    Connection conn = (Connection) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    if (conn.out != null) {
      channel.write(conn.out);
      if (conn.out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      conn.out = null;
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  /** The {@code Content-Length} of the headers ending at {@code headersEnd}; -1 when absent. */
  private static long contentLength(byte[] buf, int headersEnd) {
    int line = 0;
    while (line < headersEnd) {
      int eol = indexOf(buf, line, headersEnd, new byte[] {'\r', '\n'});
      if (eol < 0) {
        eol = headersEnd;
      }
      if (eol - line > CONTENT_LENGTH.length && startsWithIgnoreCase(buf, line, CONTENT_LENGTH)) {
        long n = 0;
        for (int i = line + CONTENT_LENGTH.length; i < eol; i++) {
          if (buf[i] >= '0' && buf[i] <= '9') {
            n = n * 10 + (buf[i] - '0');
          }
        }
        return n;
      }
      line = eol + 2;
    }
    return -1;
  }

  private static boolean startsWithIgnoreCase(byte[] buf, int from, byte[] lowerCase) {
    for (int i = 0; i < lowerCase.length; i++) {
      if (Character.toLowerCase(buf[from + i]) != lowerCase[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] buf, int from, int to, byte[] what) {
    outer:
    for (int i = from; i <= to - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (buf[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  public long arrivalsOf(String prefix) {
    return arrivals.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  public String url() {
    try {
      return "http://127.0.0.1:"
          + ((InetSocketAddress) server.getLocalAddress()).getPort()
          + "/hook";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void stop() {
    running = false;
    selector.wakeup();
    try {
      loop.join(2_000);
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
