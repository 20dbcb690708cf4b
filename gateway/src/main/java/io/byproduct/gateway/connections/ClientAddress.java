package io.byproduct.gateway.connections;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client a request comes from, as the key of per-address bounds: the TCP peer, or, when the
 * peer is a trusted proxy, the last address of {@code X-Forwarded-For} (the one the proxy added).
 * IPv6 addresses count per /64, since one subscriber usually holds a whole /64.
 */
public final class ClientAddress {

  private record Block(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<Block> trusted;

  public ClientAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(ClientAddress::block).toList();
  }

  /** The key of the client's address; {@code "unknown"} when there is none. */
  public String of(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    InetAddress peer = remote == null ? null : remote.getAddress();
    if (peer == null) {
      return "unknown";
    }
    if (isTrusted(peer.getAddress())) {
      List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
      if (!forwarded.isEmpty()) {
        InetAddress client = literal(forwarded.get(forwarded.size() - 1).trim());
        if (client != null) {
          return key(client);
        }
      }
    }
    return key(peer);
  }

  private boolean isTrusted(byte[] address) {
    return trusted.stream().anyMatch(block -> block.contains(address));
  }

  static String key(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16) {
      return "v6:" + java.util.HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64";
    }
    return address.getHostAddress();
  }

  /** An IP literal, never a DNS lookup; {@code null} if the text is not one. */
  private static InetAddress literal(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Block block(String spec) {
    String[] parts = spec.trim().split("/", 2);
    InetAddress address = literal(parts[0]);
    if (address == null) {
      throw new IllegalArgumentException("byproduct.gateway.connections.trusted-proxies: '" + spec
          + "' is not an IP address or CIDR block");
    }
    byte[] bytes = address.getAddress();
    int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
    if (bits < 0 || bits > bytes.length * 8) {
      throw new IllegalArgumentException("byproduct.gateway.connections.trusted-proxies: bad prefix length in '" + spec + "'");
    }
    return new Block(bytes, bits);
  }
}
