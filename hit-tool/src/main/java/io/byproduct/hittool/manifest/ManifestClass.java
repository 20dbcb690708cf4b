package io.byproduct.hittool.manifest;

import java.util.List;

/**
 * A class as the seed's Class model has it, plus the class most similar to it.
 *
 * @param id the class id (shown to no one; the HIT's page carries it)
 * @param wnid the WordNet id, e.g. {@code n01440764}
 * @param synset the synonyms the page's heading shows
 * @param description the gloss, shown as "Definition: ..."
 * @param wikipedia links shown under the instructions
 * @param similarTo id of the most similar class, whose images serve as negative controls on this
 *     class's pages; {@code null} if none
 */
public record ManifestClass(String id, String wnid, List<String> synset, String description, List<String> wikipedia,
    String similarTo) {

  public ManifestClass {
    synset = synset == null ? null : List.copyOf(synset);
    wikipedia = wikipedia == null ? List.of() : List.copyOf(wikipedia);
  }
}
