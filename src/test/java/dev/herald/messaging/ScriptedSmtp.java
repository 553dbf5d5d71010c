package dev.herald.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server whose answer to {@code RCPT TO} is scripted ({@code 550 5.1.1 no such
 * user}, {@code 451 4.3.0 try later}, ...), to test how relay replies are classified. Everything
 * else is accepted.
 */
final class ScriptedSmtp implements AutoCloseable {

  private final ServerSocket server;
  private final Thread thread;
  private final AtomicInteger recipients = new AtomicInteger();
  private volatile String rcptReply;

  ScriptedSmtp(String rcptReply) {
    this.rcptReply = rcptReply;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int rcptCount() {
    return recipients.get();
  }

  void reply(String rcptReply) {
    this.rcptReply = rcptReply;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        session(s);
      } catch (IOException e) {
        // closed, or the client hung up
      }
    }
  }

  private void session(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    write(out, "220 scripted ESMTP");
    String line;
    boolean data = false;
    while ((line = in.readLine()) != null) {
      if (data) {
        if (line.equals(".")) {
          data = false;
          write(out, "250 2.0.0 queued");
        }
        continue;
      }
      String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      switch (cmd) {
        case "EHLO" -> write(out, "250-scripted\r\n250 8BITMIME");
        case "HELO", "MAIL", "RSET", "NOOP" -> write(out, "250 2.0.0 ok");
        case "RCPT" -> {
          recipients.incrementAndGet();
          write(out, rcptReply);
        }
        case "DATA" -> {
          data = true;
          write(out, "354 go ahead");
        }
        case "QUIT" -> {
          write(out, "221 bye");
          return;
        }
        default -> write(out, "502 5.5.1 unknown");
      }
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
