import { describe, expect, it } from "vitest";
import {
  DEFAULT_VERSION,
  VERSIONS,
  blursImages,
  isHitMode,
  parseParams,
  parseVersion,
  showsPointer,
  type Version,
} from "./params";

const AMT_LINK =
  "?version=POINTER_ORIGINAL&assignmentId=3A1B&workerId=W42&hitId=H7" +
  "&hitDatasetName=imagenet-v2&imageNetHitId=hit-0001";

describe("parseParams", () => {
  it("reads all seven parameters of the tool link", () => {
    expect(parseParams(AMT_LINK)).toEqual({
      version: "POINTER_ORIGINAL",
      assignmentId: "3A1B",
      workerId: "W42",
      hitId: "H7",
      hitDatasetName: "imagenet-v2",
      imageNetHitId: "hit-0001",
      page: "annotator",
    });
  });

  it("accepts a query string without the leading '?' and a URLSearchParams", () => {
    expect(parseParams("workerId=W1&page=admin")).toEqual({
      version: DEFAULT_VERSION,
      workerId: "W1",
      page: "admin",
    });
    expect(parseParams(new URLSearchParams({ hitId: "H1" })).hitId).toBe("H1");
  });

  it("leaves absent parameters undefined and defaults page to annotator", () => {
    const params = parseParams("");
    expect(params).toEqual({ version: "NO_POINTER_NO_ORIGINAL", page: "annotator" });
    expect(params.workerId).toBeUndefined();
    expect("workerId" in params).toBe(false);
  });

  it("treats an unknown page as the annotator page", () => {
    expect(parseParams("?page=settings").page).toBe("annotator");
    expect(parseParams("?page=admin").page).toBe("admin");
  });

  it("decodes percent-escapes and '+' as the original's query-string parser does", () => {
    const params = parseParams("?workerId=A%20B+C&hitDatasetName=set%2Fone&imageNetHitId=x%26y");
    expect(params.workerId).toBe("A B C");
    expect(params.hitDatasetName).toBe("set/one");
    expect(params.imageNetHitId).toBe("x&y");
  });

  it("counts an empty value as absent and a repeated parameter by its first value", () => {
    expect(parseParams("?workerId=&version=").workerId).toBeUndefined();
    expect(parseParams("?workerId=&version=").version).toBe(DEFAULT_VERSION);
    expect(parseParams("?workerId=first&workerId=second").workerId).toBe("first");
  });
});

describe("version", () => {
  it("defaults to NO_POINTER_NO_ORIGINAL when absent", () => {
    expect(DEFAULT_VERSION).toBe("NO_POINTER_NO_ORIGINAL");
    expect(parseParams("?workerId=W").version).toBe("NO_POINTER_NO_ORIGINAL");
    expect(parseVersion(null)).toBe("NO_POINTER_NO_ORIGINAL");
    expect(parseVersion(undefined)).toBe("NO_POINTER_NO_ORIGINAL");
  });

  it("defaults to NO_POINTER_NO_ORIGINAL when unknown (names are case-sensitive)", () => {
    for (const raw of ["POINTER", "pointer_original", "ORIGINAL", " POINTER_ORIGINAL", "1"]) {
      expect(parseParams(`?version=${encodeURIComponent(raw)}`).version).toBe("NO_POINTER_NO_ORIGINAL");
    }
  });

  it("keeps each of the four known versions", () => {
    expect(VERSIONS).toEqual([
      "POINTER_ORIGINAL",
      "NO_POINTER_ORIGINAL",
      "POINTER_NO_ORIGINAL",
      "NO_POINTER_NO_ORIGINAL",
    ]);
    for (const version of VERSIONS) {
      expect(parseParams(`?version=${version}`).version).toBe(version);
    }
  });

  it.each<[Version, boolean, boolean]>([
    ["POINTER_ORIGINAL", true, false],
    ["NO_POINTER_ORIGINAL", false, false],
    ["POINTER_NO_ORIGINAL", true, true],
    ["NO_POINTER_NO_ORIGINAL", false, true],
  ])("%s: showsPointer=%s, blursImages=%s", (version, pointer, blur) => {
    expect(showsPointer(version)).toBe(pointer);
    expect(blursImages(version)).toBe(blur);
  });
});

describe("isHitMode", () => {
  it("is on when both hitDatasetName and imageNetHitId are present", () => {
    expect(isHitMode(parseParams(AMT_LINK))).toBe(true);
    expect(isHitMode(parseParams("?hitDatasetName=d&imageNetHitId=h"))).toBe(true);
  });

  it("is off (sandbox mode) when either is missing or empty", () => {
    expect(isHitMode(parseParams(""))).toBe(false);
    expect(isHitMode(parseParams("?hitDatasetName=d"))).toBe(false);
    expect(isHitMode(parseParams("?imageNetHitId=h"))).toBe(false);
    expect(isHitMode(parseParams("?hitDatasetName=&imageNetHitId=h"))).toBe(false);
    expect(isHitMode(parseParams("?workerId=W&assignmentId=A&hitId=H"))).toBe(false);
  });
});

describe("version=RANDOM", () => {
  it("asks for an assigned version, whatever the case", () => {
    expect(parseParams("?version=random&workerId=W").randomVersion).toBe(true);
    expect(parseParams("?version=RANDOM").randomVersion).toBe(true);
    expect(parseParams("?version=POINTER_ORIGINAL").randomVersion).toBeUndefined();
  });
});
