/**
 * What every HTTP API of the gateway answers with: the {@code {"error": …}} body ({@link
 * io.byproduct.gateway.api.ApiErrors}), the 400 of a body that cannot be used ({@link
 * io.byproduct.gateway.api.BadRequest}), and blocking work (DynamoDB, Kafka) off the event loop
 * ({@link io.byproduct.gateway.api.Blocking}).
 */
package io.byproduct.gateway.api;
