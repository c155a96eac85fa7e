package io.asklayer.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.server.AbstractAvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The server's one HTTP handler: {@code GET /health}, {@code GET /metrics}, and Avatica requests
 * ({@code POST}), which must carry HTTP Basic credentials of a known user and be no larger than the
 * limit. The authenticated name becomes the principal of every service call the request makes
 * ({@link CallContext}). Failures a JDBC client should read (wrong password, locked name, request
 * too large) are answered the way Avatica answers errors, with a message and SQLState; a request
 * without credentials gets the HTTP challenge, so clients send them.
 */
final class AsklayerHandler extends AbstractHandler {
  private final ServerOptions options;
  private final Authenticator users;
  private final ServerMetrics metrics;
  private final ConnectionRegistry registry;
  private final AbstractAvaticaHandler avatica;
  private final JsonHandler jsonErrors;
  private final ProtobufHandler protobufErrors;

  AsklayerHandler(ServerOptions options, Authenticator users, Service service, ServerMetrics metrics,
      ConnectionRegistry registry) {
    this.options = options;
    this.users = users;
    this.metrics = metrics;
    this.registry = registry;
    this.avatica = options.serialization() == ServerOptions.Serialization.PROTOBUF
        ? new AvaticaProtobufHandler(service) : new AvaticaJsonHandler(service);
    this.jsonErrors = new JsonHandler(service, NoopMetricsSystem.getInstance());
    this.protobufErrors = new ProtobufHandler(service, new ProtobufTranslationImpl(),
        NoopMetricsSystem.getInstance());
  }

  AbstractAvaticaHandler avatica() {
    return avatica;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if ("GET".equals(request.getMethod())) {
      switch (target) {
        case "/health" -> text(baseRequest, response, 200, "application/json",
            "{\"status\":\"ok\",\"connections\":" + registry.size() + "}\n");
        case "/metrics" -> text(baseRequest, response, 200, "text/plain; version=0.0.4",
            metrics.prometheus());
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
      error(baseRequest, response, "The request is " + length + " bytes; this server accepts at "
          + "most " + options.maxRequestBytes() + ". Send a shorter statement, or fewer "
          + "parameters at a time.", "42000");
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Asklayer\", charset=\"UTF-8\"");
      text(baseRequest, response, 401, "text/plain", "Log in with a user name and password "
          + "(HTTP Basic).\n");
      return;
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
    Authenticator.Outcome login = users.login(name, password);
    if (login != Authenticator.Outcome.OK) {
      metrics.loginFailures.incrementAndGet();
      error(baseRequest, response, login == Authenticator.Outcome.LOCKED
          ? "Too many failed logins for '" + name + "'; logins for this name are refused for a "
              + "while. Try again later with the right password."
          : "Wrong user name or password for '" + name + "'.", "28000");
      return;
    }
    long start = System.nanoTime();
    CallContext.set(name);
    try {
      avatica.handle(target, baseRequest, length < 0 ? new Limited(request,
          options.maxRequestBytes()) : request, response);
    } catch (RequestTooLarge e) {
      metrics.rejectedRequests.incrementAndGet();
      response.reset();
      error(baseRequest, response, "The request is larger than " + options.maxRequestBytes()
          + " bytes, the most this server accepts.", "42000");
    } catch (javax.servlet.ServletException e) {
      throw new IOException(e);
    } finally {
      CallContext.clear();
      metrics.observe(System.nanoTime() - start);
    }
  }

  private void text(Request base, HttpServletResponse response, int status, String type,
      String body) throws IOException {
    base.setHandled(true);
    response.setStatus(status);
    response.setContentType(type);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  /** An error as Avatica sends one (HTTP 500, an ErrorResponse), so a JDBC client shows it. */
  private void error(Request base, HttpServletResponse response, String message, String state)
      throws IOException {
    base.setHandled(true);
    Exception e = Errors.refusal(message, state);
    response.setStatus(500);
    if (options.serialization() == ServerOptions.Serialization.PROTOBUF) {
      HandlerResponse<byte[]> r = protobufErrors.convertToErrorResponse(e);
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(r.getResponse());
    } else {
      HandlerResponse<String> r = jsonErrors.convertToErrorResponse(e);
      response.setContentType("application/json;charset=utf-8");
      response.getOutputStream().write(r.getResponse().getBytes(StandardCharsets.UTF_8));
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
