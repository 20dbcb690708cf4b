/** Upper-cases the first character and leaves the rest as it is ("tabby cat" -> "Tabby cat"). */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The class's synonyms, each capitalised, joined by ", " (the heading's red term). */
export function termOf(synset: readonly string[]): string {
  return synset.map(capitalize).join(", ");
}

/** "Definition: " and the capitalised gloss. */
export function definitionOf(description: string): string {
  return `Definition: ${capitalize(description)}`;
}
