/**
 * Pointer sampling: at most one sample per image every `intervalMs` (1000/60 ms by default, as the
 * original), the first move after entering an image always; positions as fractions of the
 * rendered image (offsetX / width, offsetY / height), sent as fixed point 1e-4.
 */
import { toFixedPoint } from "./wire";

export const DEFAULT_SAMPLE_INTERVAL_MS = 1000 / 60;

export class PointerSampler {
  private readonly last = new Map<number, number>();

  constructor(readonly intervalMs: number = DEFAULT_SAMPLE_INTERVAL_MS) {}

  /** The pointer entered image `i`: its next move is sampled whatever the time. */
  enter(i: number): void {
    this.last.delete(i);
  }

  /** Whether a move over image `i` at time `t` (ms) becomes a sample. */
  accept(i: number, t: number): boolean {
    const last = this.last.get(i);
    if (last !== undefined && t - last < this.intervalMs) return false;
    this.last.set(i, t);
    return true;
  }
}

/** A position inside an element as a fraction of its size; 0 when the size is 0. */
export function fraction(offset: number, size: number): number {
  return size > 0 ? offset / size : 0;
}

/** offsetX/offsetY over a rendered width×height as the wire's fixed-point pair. */
export function normalise(offsetX: number, offsetY: number, width: number, height: number): [number, number] {
  return [toFixedPoint(fraction(offsetX, width)), toFixedPoint(fraction(offsetY, height))];
}
