import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLE_INTERVAL_MS, PointerSampler, fraction, normalise } from "./sampler";

describe("PointerSampler", () => {
  it("takes at most one sample per 1000/60 ms per image, the first move always", () => {
    const sampler = new PointerSampler();
    expect(DEFAULT_SAMPLE_INTERVAL_MS).toBeCloseTo(16.667, 3);
    const taken = [0, 5, 16, 17, 30, 34, 50, 51].filter((t) => sampler.accept(0, 1000 + t));
    // 0 kept; 17 ≥ 16.67 after 0; 34 after 17; 51 after 34
    expect(taken).toEqual([0, 17, 34, 51]);
  });

  it("agrees with the server's rule (t - last) * 60 >= 1000 on integer milliseconds", () => {
    const sampler = new PointerSampler();
    let last: number | null = null;
    for (let t = 0; t < 2000; t += 3) {
      const server = last === null || (t - last) * 60 >= 1000;
      expect(sampler.accept(1, t)).toBe(server);
      if (server) last = t;
    }
  });

  it("samples the first move after entering an image again", () => {
    const sampler = new PointerSampler();
    expect(sampler.accept(2, 100)).toBe(true);
    expect(sampler.accept(2, 105)).toBe(false);
    sampler.enter(2);
    expect(sampler.accept(2, 106)).toBe(true);
  });

  it("throttles each image on its own and takes a configured interval", () => {
    const sampler = new PointerSampler(100);
    expect(sampler.accept(0, 0)).toBe(true);
    expect(sampler.accept(1, 1)).toBe(true);
    expect(sampler.accept(0, 99)).toBe(false);
    expect(sampler.accept(0, 100)).toBe(true);
  });
});

describe("normalisation", () => {
  it("is offset / rendered size, as fixed point 1e-4, clamped into the image", () => {
    expect(fraction(81, 324)).toBe(0.25);
    expect(fraction(5, 0)).toBe(0);
    expect(normalise(162, 81, 324, 243)).toEqual([5000, 3333]);
    expect(normalise(0, 243, 324, 243)).toEqual([0, 10000]);
    expect(normalise(-1, 300, 324, 243)).toEqual([0, 10000]);
  });
});
