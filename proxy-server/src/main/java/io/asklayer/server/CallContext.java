package io.asklayer.server;

/**
 * The principal the current HTTP request authenticated as, for the Avatica service calls it makes
 * on this thread. Set by {@link AsklayerHandler} around each request, read by the service guard and
 * {@link AsklayerMeta}; never taken from what a client writes in its connection properties.
 */
final class CallContext {
  private static final ThreadLocal<String> PRINCIPAL = new ThreadLocal<>();

  private CallContext() {
  }

  static void set(String principal) {
    PRINCIPAL.set(principal);
  }

  static void clear() {
    PRINCIPAL.remove();
  }

  /** The authenticated principal; fails if a service call arrives without one. */
  static String principal() {
    String p = PRINCIPAL.get();
    if (p == null) {
      throw Errors.refusal("The request is not authenticated.", "28000");
    }
    return p;
  }
}
