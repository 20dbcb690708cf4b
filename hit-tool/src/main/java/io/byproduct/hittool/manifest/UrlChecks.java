package io.byproduct.hittool.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What a manifest accepts as a URL: http(s) for links, and for images also a path on the gateway. */
final class UrlChecks {

  private UrlChecks() {}

  /** The problem with an image URL, or {@code null}: it must be an http(s) URL or a path starting with '/'. */
  static String urlProblem(String url) {
    if (url.isBlank()) {
      return "must not be empty";
    }
    if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return "'" + url + "' must not contain spaces or control characters (write a space as %20)";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a valid URL: " + e.getReason();
    }
    if (url.startsWith("/") || isWebUrl(uri)) {
      return null;
    }
    return "'" + url + "' must be an http(s) URL or a path on the gateway starting with '/'";
  }

  static boolean isWebUrl(String text) {
    try {
      return isWebUrl(new URI(text));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isWebUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }
}
