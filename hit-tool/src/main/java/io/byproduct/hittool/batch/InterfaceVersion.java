package io.byproduct.hittool.batch;

/** The four interface versions of the worker's page ({@code ?version=}), as the seed names them. */
public enum InterfaceVersion {
  POINTER_ORIGINAL,
  NO_POINTER_ORIGINAL,
  POINTER_NO_ORIGINAL,
  NO_POINTER_NO_ORIGINAL
}
