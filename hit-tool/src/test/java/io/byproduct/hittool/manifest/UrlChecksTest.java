package io.byproduct.hittool.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlChecksTest {

  @Test
  void imagesMayBeHttpUrlsOrGatewayPaths() {
    assertThat(UrlChecks.urlProblem("https://img.example.org/a.jpg")).isNull();
    assertThat(UrlChecks.urlProblem("HTTP://img.example.org/a.jpg")).isNull();
    assertThat(UrlChecks.urlProblem("/images/demo/x.svg")).isNull();
    assertThat(UrlChecks.urlProblem("ftp://img.example.org/a.jpg"))
        .isEqualTo("'ftp://img.example.org/a.jpg' must be an http(s) URL or a path on the gateway starting with '/'");
    assertThat(UrlChecks.urlProblem("javascript:alert(1)")).contains("must be an http(s) URL");
    assertThat(UrlChecks.urlProblem("/a b.jpg")).contains("must not contain spaces or control characters");
    assertThat(UrlChecks.urlProblem(" ")).isEqualTo("must not be empty");
  }

  @Test
  void linksMustBeHttpUrlsWithAHost() {
    assertThat(UrlChecks.isWebUrl("https://en.wikipedia.org/wiki/Tench")).isTrue();
    assertThat(UrlChecks.isWebUrl("/wiki/Tench")).isFalse();
    assertThat(UrlChecks.isWebUrl("https:///nohost")).isFalse();
    assertThat(UrlChecks.isWebUrl("not a url")).isFalse();
  }
}
