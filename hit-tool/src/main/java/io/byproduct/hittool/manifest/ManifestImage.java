package io.byproduct.hittool.manifest;

/**
 * An image of the manifest.
 *
 * @param id the image id the worker's page reports ({@code imageID}); no '|'
 * @param url where the browser loads it from: an http(s) URL or a path starting with '/'
 * @param classId for a candidate, the class whose pages show it; for a control, the class it is
 *     known to show
 * @param role candidate (judged by workers) or control (a known positive of its class)
 */
public record ManifestImage(String id, String url, String classId, ImageRole role) {

  public ManifestImage {
    role = role == null ? ImageRole.CANDIDATE : role;
  }

  public static ManifestImage candidate(String id, String url, String classId) {
    return new ManifestImage(id, url, classId, ImageRole.CANDIDATE);
  }

  public static ManifestImage control(String id, String url, String classId) {
    return new ManifestImage(id, url, classId, ImageRole.CONTROL);
  }
}
