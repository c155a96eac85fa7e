package io.asklayer.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The server's one HTTP handler: {@code GET /health} (open, status only), {@code GET /metrics}
 * (any user who can log in), and Avatica requests ({@code POST}), which must carry HTTP Basic
 * credentials of a known user and be no larger than the limit. The authenticated name becomes the
 * principal of every service call the request makes ({@link CallContext}).
 *
 * <p>It reads the body and hands it to Avatica's {@link JsonHandler} or {@link ProtobufHandler}
 * itself rather than through Avatica's Jetty handlers, so that every error it sends passes
 * {@link Errors#forClient}: Avatica would otherwise put the server's stack traces in each error
 * response. Failures a JDBC client should read (no or wrong credentials, locked login, request too
 * large) are answered the way Avatica answers errors, with a message and SQLState; a request
 * without credentials also gets the HTTP challenge, so clients send them.
 */
final class AsklayerHandler extends AbstractHandler {
  private final ServerOptions options;
  private final Authenticator users;
  private final ServerMetrics metrics;
  private final Service service;
  private final JsonHandler json;
  private final ProtobufHandler protobuf;
  private final ProtobufTranslation translation = new ProtobufTranslationImpl();
  private volatile Service.RpcMetadataResponse rpcMetadata;
  private final Canceller canceller;

  /** Cancels a statement for a user, who must own its connection; throws a refusal otherwise. */
  interface Canceller {
    void cancel(String principal, String connectionId, int statementId) throws Exception;
  }

  /** The path of the cancel request, which Avatica's protocol lacks. */
  static final String CANCEL_PATH = "/cancel";

  AsklayerHandler(ServerOptions options, Authenticator users, Service service,
      ServerMetrics metrics, Canceller canceller) {
    this.options = options;
    this.canceller = canceller;
    this.users = users;
    this.metrics = metrics;
    this.service = service;
    this.json = new JsonHandler(service, NoopMetricsSystem.getInstance());
    this.protobuf = new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance());
  }

  /** The server's address, which Avatica puts in each response. */
  void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    this.rpcMetadata = metadata;
    service.setRpcMetadata(metadata);
    json.setRpcMetadata(metadata);
    protobuf.setRpcMetadata(metadata);
  }

  private boolean protobuf() {
    return options.serialization() == ServerOptions.Serialization.PROTOBUF;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if ("GET".equals(request.getMethod())) {
      switch (target) {
        // Status only: how many connections are open, or anything else, is for /metrics.
        case "/health" -> text(baseRequest, response, 200, "application/json",
            "{\"status\":\"ok\"}\n");
        case "/metrics" -> {
          if (authenticate(baseRequest, request, response) != null) {
            text(baseRequest, response, 200, "text/plain; version=0.0.4", metrics.prometheus());
          }
        }
        default -> text(baseRequest, response, 404, "text/plain",
            "Asklayer serves JDBC (Avatica) requests by POST, /health and /metrics.\n");
      }
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      text(baseRequest, response, 405, "text/plain", "Use POST for Avatica requests.\n");
      return;
    }
    long length = request.getContentLengthLong();
    if (length > options.maxRequestBytes()) {
      metrics.rejectedRequests.incrementAndGet();
      // A client still sending the body when the refusal comes back and the connection closes
      // reads no answer at all ("header parser received no bytes"): a body up to 16 times the
      // limit is read and dropped first, so the client gets the reason; a larger one is cut off.
      if (length <= 16 * options.maxRequestBytes()) {
        try (InputStream in = request.getInputStream()) {
          in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          // The client went away; nobody reads the answer.
        }
      }
      response.setHeader("Connection", "close");
      error(baseRequest, response, 500, "The request is " + length + " bytes; this server "
          + "accepts at most " + options.maxRequestBytes() + ". Send a shorter statement, or "
          + "fewer parameters at a time.", "42000");
      return;
    }
    String name = authenticate(baseRequest, request, response);
    if (name == null) {
      return;
    }
    if (CANCEL_PATH.equals(target)) {
      cancel(name, baseRequest, request, response);
      return;
    }
    long start = System.nanoTime();
    CallContext.set(name);
    try {
      byte[] body;
      try (InputStream in = (length < 0 ? new Limited(request, options.maxRequestBytes())
          : request).getInputStream()) {
        body = in.readAllBytes();
      } catch (RequestTooLarge e) {
        metrics.rejectedRequests.incrementAndGet();
        error(baseRequest, response, 500, "The request is larger than "
            + options.maxRequestBytes() + " bytes, the most this server accepts.", "42000");
        return;
      }
      if (protobuf()) {
        HandlerResponse<byte[]> r = protobuf.apply(body);
        byte[] out = r.getStatusCode() == 200 ? r.getResponse()
            : translation.serializeResponse(Errors.forClient(
                (Service.ErrorResponse) translation.parseResponse(r.getResponse()), rpcMetadata));
        write(baseRequest, response, r.getStatusCode(), "application/octet-stream", out);
      } else {
        // Avatica's JSON clients may send the request in a header instead of the body.
        String header = request.getHeader("request");
        String charset = request.getCharacterEncoding();
        HandlerResponse<String> r = json.apply(header != null ? header
            : new String(body, charset == null ? StandardCharsets.UTF_8
                : Charset.forName(charset)));
        String out = r.getStatusCode() == 200 ? r.getResponse()
            : JsonService.MAPPER.writeValueAsString(Errors.forClient((Service.ErrorResponse)
                JsonService.MAPPER.readValue(r.getResponse(), Service.Response.class),
                rpcMetadata));
        write(baseRequest, response, r.getStatusCode(), "application/json;charset=utf-8",
            out.getBytes(StandardCharsets.UTF_8));
      }
    } finally {
      CallContext.clear();
      metrics.observe(System.nanoTime() - start);
    }
  }

  /**
   * {@code POST /cancel} with {@code {"connectionId": "...", "statementId": n}}: cancels what
   * that statement runs, as {@code Statement.cancel()} does embedded. Asklayer's driver sends it
   * from {@code cancel()} and when a query timeout passes, on a connection of its own while the
   * execute request waits. Answers {@code {"cancelled": true}}, or an error as Avatica sends
   * them, in JSON whatever the server's serialization: a statement that is not the user's is
   * refused like one that does not exist.
   */
  private void cancel(String principal, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String connectionId;
    int statementId;
    try (InputStream in = new Limited(request, 4096).getInputStream()) {
      com.fasterxml.jackson.databind.JsonNode body = JsonService.MAPPER.readTree(in);
      connectionId = body.path("connectionId").asText(null);
      if (connectionId == null || !body.path("statementId").canConvertToInt()) {
        throw new IllegalArgumentException();
      }
      statementId = body.path("statementId").asInt();
    } catch (IOException | RuntimeException e) {
      error(baseRequest, response, 400, "A cancel request is POST " + CANCEL_PATH + " with the "
          + "JSON body {\"connectionId\": \"...\", \"statementId\": n}.", "42000", false);
      return;
    }
    try {
      canceller.cancel(principal, connectionId, statementId);
    } catch (org.apache.calcite.avatica.remote.AvaticaRuntimeException e) {
      error(baseRequest, response, 500, e.getErrorMessage(), e.getSqlState(), false);
      return;
    } catch (Exception e) {
      Service.ErrorResponse internal = Errors.forClient(new Service.ErrorResponse(
          java.util.List.of(), Errors.internal(e).getErrorMessage(), 0, "XX000",
          org.apache.calcite.avatica.AvaticaSeverity.ERROR, rpcMetadata), rpcMetadata);
      error(baseRequest, response, 500, internal.errorMessage, internal.sqlState, false);
      return;
    }
    text(baseRequest, response, 200, "application/json", "{\"cancelled\":true}\n");
  }

  /**
   * The user a request's HTTP Basic credentials log in as, or null once the refusal is written:
   * the challenge when there are none, an error when they are wrong or the login is locked.
   */
  private String authenticate(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Asklayer\", charset=\"UTF-8\"");
      error(baseRequest, response, 401, "Log in with a user name and password (HTTP Basic): "
          + "give the connection user and password properties.", "28000");
      return null;
    }
    String name;
    String password;
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      name = colon < 0 ? decoded : decoded.substring(0, colon);
      password = colon < 0 ? "" : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      name = "";
      password = "";
    }
    Authenticator.Outcome login = users.login(name, password, request.getRemoteAddr());
    if (login != Authenticator.Outcome.OK) {
      metrics.loginFailures.incrementAndGet();
      error(baseRequest, response, 500, login == Authenticator.Outcome.LOCKED
          ? "Too many failed logins for '" + name + "' from this address; its logins from "
              + "here are refused for a while. Try again later with the right password."
          : "Wrong user name or password for '" + name + "'.", "28000");
      return null;
    }
    return name;
  }

  private void text(Request base, HttpServletResponse response, int status, String type,
      String body) throws IOException {
    write(base, response, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Request base, HttpServletResponse response, int status, String type,
      byte[] bytes) throws IOException {
    base.setHandled(true);
    response.setStatus(status);
    response.setContentType(type);
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  /** An error as Avatica sends one (an ErrorResponse), so a JDBC client shows it. */
  private void error(Request base, HttpServletResponse response, int status, String message,
      String state) throws IOException {
    error(base, response, status, message, state, protobuf());
  }

  private void error(Request base, HttpServletResponse response, int status, String message,
      String state, boolean protobuf) throws IOException {
    Service.ErrorResponse e = Errors.forClient(new Service.ErrorResponse(java.util.List.of(),
        message, 0, state, org.apache.calcite.avatica.AvaticaSeverity.ERROR, rpcMetadata),
        rpcMetadata);
    if (protobuf) {
      write(base, response, status, "application/octet-stream", translation.serializeResponse(e));
    } else {
      write(base, response, status, "application/json;charset=utf-8",
          JsonService.MAPPER.writeValueAsBytes(e));
    }
  }

  /** A request body without a declared length, read up to the limit and no further. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++read > max) {
            throw new RequestTooLarge();
          }
          return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0 && (read += n) > max) {
            throw new RequestTooLarge();
          }
          return n;
        }

        @Override public boolean isFinished() {
          return in.isFinished();
        }

        @Override public boolean isReady() {
          return in.isReady();
        }

        @Override public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }

  private static final class RequestTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
