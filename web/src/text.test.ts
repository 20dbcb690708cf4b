import { describe, expect, it } from "vitest";
import { capitalize, definitionOf, termOf } from "./text";

describe("capitalize", () => {
  it("upper-cases only the first character", () => {
    expect(capitalize("tabby cat")).toBe("Tabby cat");
    expect(capitalize("iPod")).toBe("IPod");
    expect(capitalize("African elephant")).toBe("African elephant");
    expect(capitalize("x-ray")).toBe("X-ray");
  });

  it("keeps the rest of the word as it is and copes with empty or non-letter starts", () => {
    expect(capitalize("mCDonald's")).toBe("MCDonald's");
    expect(capitalize("")).toBe("");
    expect(capitalize("3-D glasses")).toBe("3-D glasses");
  });
});

describe("termOf", () => {
  it("capitalises each synonym and joins them with ', '", () => {
    expect(termOf(["tabby", "tabby cat"])).toBe("Tabby, Tabby cat");
    expect(termOf(["great white shark", "white shark", "man-eater", "Carcharodon carcharias"])).toBe(
      "Great white shark, White shark, Man-eater, Carcharodon carcharias",
    );
  });

  it("gives the single synonym alone and nothing for none", () => {
    expect(termOf(["goldfish"])).toBe("Goldfish");
    expect(termOf([])).toBe("");
  });
});

describe("definitionOf", () => {
  it("prefixes 'Definition: ' to the capitalised gloss", () => {
    expect(definitionOf("a cat with a grey or tawny coat mottled with black")).toBe(
      "Definition: A cat with a grey or tawny coat mottled with black",
    );
  });
});
