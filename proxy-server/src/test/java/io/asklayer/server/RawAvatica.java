package io.asklayer.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * A client that speaks Avatica over plain HTTP/1.1 on a socket, as a hostile one would: it writes
 * whatever request it is given, in JSON or protobuf, with any credentials or none, from any
 * loopback address (so a test can come from 127.0.0.2 as well as 127.0.0.1).
 */
final class RawAvatica {
  /** One HTTP answer. */
  record Reply(int status, String headers, byte[] body, ServerOptions.Serialization format) {
    /** The body as text; a protobuf body's strings show in it as UTF-8. */
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as an Avatica response. */
    Service.Response response() throws IOException {
      return format == ServerOptions.Serialization.PROTOBUF
          ? new ProtobufTranslationImpl().parseResponse(body)
          : JsonService.MAPPER.readValue(text(), Service.Response.class);
    }

    Service.ErrorResponse error() throws IOException {
      return (Service.ErrorResponse) response();
    }
  }

  private final int port;
  private final ServerOptions.Serialization format;

  RawAvatica(int port, ServerOptions.Serialization format) {
    this.port = port;
    this.format = format;
  }

  byte[] encode(Service.Request request) throws IOException {
    if (request instanceof Service.SyncResultsRequest r
        && format == ServerOptions.Serialization.JSON) {
      // Jackson reads every getter of QueryState, and the ones for the other kind of state
      // assert (tests run with -ea); so this one request is written out by hand.
      return ("{\"request\":\"syncResults\",\"connectionId\":\"" + r.connectionId
          + "\",\"statementId\":" + r.statementId + ",\"state\":{\"type\":\"SQL\",\"sql\":"
          + JsonService.MAPPER.writeValueAsString(r.state.sql) + "},\"offset\":" + r.offset + "}")
          .getBytes(StandardCharsets.UTF_8);
    }
    return format == ServerOptions.Serialization.PROTOBUF
        ? new ProtobufTranslationImpl().serializeRequest(request)
        : JsonService.MAPPER.writeValueAsBytes(request);
  }

  /** Posts a request; a null user sends no credentials. */
  Reply post(String user, String password, Service.Request request) throws IOException {
    return send("POST", "/", user, password, encode(request), "127.0.0.1");
  }

  /** Posts a request from a loopback address of the caller's choosing. */
  Reply post(String user, String password, Service.Request request, String from)
      throws IOException {
    return send("POST", "/", user, password, encode(request), from);
  }

  <T extends Service.Response> T ok(String user, String password, Service.Request request,
      Class<T> type) throws IOException {
    Reply r = post(user, password, request);
    if (r.status() != 200) {
      throw new AssertionError("expected success, got " + r.status() + ": " + r.text());
    }
    return type.cast(r.response());
  }

  Reply send(String method, String path, String user, String password, byte[] body,
      String from) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      StringBuilder h = new StringBuilder(method).append(' ').append(path)
          .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
          .append("\r\nConnection: close\r\nContent-Length: ").append(body.length)
          .append("\r\nContent-Type: ").append(format == ServerOptions.Serialization.PROTOBUF
              ? "application/octet-stream" : "application/json").append("\r\n");
      if (user != null) {
        h.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
            (user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
      }
      h.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String head = new String(all, 0, split, StandardCharsets.ISO_8859_1);
      byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        rest = unchunk(rest);
      }
      int status = Integer.parseInt(head.substring(9, 12));
      return new Reply(status, head, rest, format);
    }
  }

  private static int indexOf(byte[] a, byte[] b) {
    outer:
    for (int i = 0; i + b.length <= a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        if (a[i + j] != b[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no end of headers");
  }

  private static byte[] unchunk(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (true) {
      int eol = i;
      while (in[eol] != '\r') {
        eol++;
      }
      int size = Integer.parseInt(new String(in, i, eol - i, StandardCharsets.ISO_8859_1)
          .strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in, eol + 2, size);
      i = eol + 2 + size + 2;
    }
  }
}
