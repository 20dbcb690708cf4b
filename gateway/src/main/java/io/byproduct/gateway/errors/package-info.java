/**
 * How the gateway reports failures it did not expect: a 500 is logged with the method and path
 * only, never the query string (the seed API carries raw worker ids there).
 */
package io.byproduct.gateway.errors;
