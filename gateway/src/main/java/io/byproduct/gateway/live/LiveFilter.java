package io.byproduct.gateway.live;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * What a subscriber asked for, from the query string: {@code streams} (any of {@code events},
 * {@code images}, {@code pages}; default all), {@code dataset}, {@code hit}, {@code class} (a class
 * id or WordNet id), {@code annotation}, and {@code from} ({@code latest}, the default, {@code
 * earliest}, or a time: ISO-8601 or epoch ms).
 */
record LiveFilter(Set<Stream> streams, String dataset, String hit, String classId, String annotation, From from) {

  /** The three live streams and the SSE event name of their messages. */
  enum Stream {
    EVENTS("event"), IMAGES("image"), PAGES("page");

    final String messageType;

    Stream(String messageType) {
      this.messageType = messageType;
    }
  }

  /** Where in the topics a subscription starts. */
  record From(boolean earliest, Long time) {
    static final From LATEST = new From(false, null);
    static final From EARLIEST = new From(true, null);
  }

  /** Thrown for a bad query string; answered 400. */
  static final class InvalidFilterException extends RuntimeException {
    InvalidFilterException(String message) {
      super(message);
    }
  }

  static LiveFilter parse(MultiValueMap<String, String> query) {
    Set<Stream> streams = EnumSet.noneOf(Stream.class);
    String streamsParam = single(query, "streams");
    if (streamsParam == null || streamsParam.isBlank()) {
      streams = EnumSet.allOf(Stream.class);
    } else {
      for (String name : streamsParam.split(",")) {
        try {
          streams.add(Stream.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidFilterException("streams: '" + name.trim() + "' is not one of events, images, pages");
        }
      }
    }
    return new LiveFilter(streams, single(query, "dataset"), single(query, "hit"), single(query, "class"),
        single(query, "annotation"), from(single(query, "from")));
  }

  private static From from(String value) {
    if (value == null || value.isBlank() || value.equals("latest")) {
      return From.LATEST;
    }
    if (value.equals("earliest")) {
      return From.EARLIEST;
    }
    if (value.matches("\\d{1,15}")) {
      return new From(false, Long.parseLong(value));
    }
    try {
      return new From(false, Instant.parse(value).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new InvalidFilterException("from: '" + value + "' is not latest, earliest, an ISO-8601 time or epoch ms");
    }
  }

  private static String single(MultiValueMap<String, String> query, String name) {
    var values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new InvalidFilterException(name + ": given " + values.size() + " times; give it once");
    }
    String value = values.get(0);
    if (value != null && value.length() > 256) {
      throw new InvalidFilterException(name + ": longer than 256 characters");
    }
    return value == null || value.isEmpty() ? null : value;
  }

  /** Dataset, HIT and annotation criteria (the class is checked by the subscription, which knows the page's class). */
  boolean matches(String recordDataset, String recordHit, String recordAnnotation) {
    return (dataset == null || dataset.equals(recordDataset))
        && (hit == null || hit.equals(recordHit))
        && (annotation == null || annotation.equals(recordAnnotation));
  }
}
