/**
 * Completion and assignment binding: which pages of an annotation are stored, whether its HIT is
 * complete (a server fact, never a client's claim), and the stored annotation's owner. Used by the
 * HIT flow (assignment, survey code) and by the seed API's compatibility mode. See
 * docs/security.md, "Completion and assignment binding".
 */
package io.byproduct.gateway.binding;
