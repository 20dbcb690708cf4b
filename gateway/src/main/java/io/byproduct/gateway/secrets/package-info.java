/**
 * The gateway's secrets at start: none may be a published demo value, and no two purposes may
 * share one (pseudonyms, survey codes, live streams, review).
 */
package io.byproduct.gateway.secrets;
