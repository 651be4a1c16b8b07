/**
 * Which items a run evaluates: all, the first N (`--limit`), or a seeded random N (`--sample`), always
 * in annotation order. Pure and deterministic: the same seed picks the same items on every machine.
 */
import { InvalidInputError } from "../../src/core/errors.js";

/** Options of {@link selectItems}. */
export interface SelectionOptions {
  /** Keep the first N items. Default: all. */
  limit?: number | undefined;
  /** Keep N items picked at random with `seed`. Default: all. */
  sample?: number | undefined;
  /** Seed of `sample`. Default 0. */
  seed?: number | undefined;
}

/** mulberry32: a small, well-mixed 32-bit PRNG, so that a seed means the same thing everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies `--sample` then `--limit`, keeping annotation order. */
export function selectItems<T>(items: readonly T[], options: SelectionOptions = {}): T[] {
  for (const name of ["limit", "sample"] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new InvalidInputError(name, `--${name} must be a positive integer, got ${String(value)}.`);
    }
  }
  let selected = [...items];
  if (options.sample !== undefined && options.sample < selected.length) {
    const random = seededRandom(options.seed ?? 0);
    // Partial Fisher–Yates over the indices, then back to annotation order.
    const indices = selected.map((_, index) => index);
    for (let index = 0; index < options.sample; index += 1) {
      const other = index + Math.floor(random() * (indices.length - index));
      [indices[index], indices[other]] = [indices[other] as number, indices[index] as number];
    }
    const kept = indices.slice(0, options.sample).sort((a, b) => a - b);
    selected = kept.map((index) => selected[index] as T);
  }
  if (options.limit !== undefined) selected = selected.slice(0, options.limit);
  return selected;
}
