package io.byproduct.gateway.review;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requesters' review endpoints.
 *
 * @param token the bearer token requesters' tools send ({@code Authorization: Bearer ...}); while
 *     unset the review endpoints answer 503. A secret: set it from the environment, never in git.
 */
@ConfigurationProperties("byproduct.gateway.review")
public record ReviewProperties(String token) {

  @Override
  public String toString() {
    return "ReviewProperties[token=" + (token == null ? "(not set)" : "(hidden)") + "]";
  }
}
