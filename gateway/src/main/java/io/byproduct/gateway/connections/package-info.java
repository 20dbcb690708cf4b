/**
 * Bounds on the gateway's connections: caps on open WebSockets (gateway-wide and per client
 * address, refused before the upgrade), the client address behind trusted proxies, and the HTTP
 * read timeouts that close slow or stalled requests.
 */
package io.byproduct.gateway.connections;
