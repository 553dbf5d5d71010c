package dev.herald.messaging;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard: webhook targets may not be loopback, private, link-local (cloud metadata),
 * unique-local, carrier-grade NAT, multicast or unspecified addresses. It runs on the addresses the
 * connection will actually use (inside DNS resolution), so a name that resolves to 127.0.0.1 or a
 * rebinding DNS answer is refused too.
 */
final class TargetGuard implements DnsResolver {

  /** Thrown instead of resolving to a refused address; reported as {@code private_target}. */
  static final class RefusedTarget extends UnknownHostException {
    RefusedTarget(String host) {
      super("refused private or local address for " + host);
    }
  }

  private final boolean allowPrivate;
  private final DnsResolver system = SystemDefaultDnsResolver.INSTANCE;

  TargetGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = system.resolve(host);
    if (!allowPrivate && Arrays.stream(addresses).anyMatch(TargetGuard::refused)) {
      throw new RefusedTarget(host);
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return system.resolveCanonicalHostname(host);
  }

  static boolean refused(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved, broadcast
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      if (isMappedOrCompatibleV4(b)) {
        try {
          return refused(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMappedOrCompatibleV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
  }
}
