/** Comparison helpers for numeric reference tests. */

/** Max |a - b| over entries where the reference is finite and not a sentinel; sentinels and infinities must match exactly. */
export function compareWithSentinels(actual: ArrayLike<number>, expected: ArrayLike<number>, sentinels: readonly number[] = [-1e5, -1e8]): { maxError: number; sentinelMismatches: number; lengthMismatch: boolean } {
  let maxError = 0;
  let sentinelMismatches = 0;
  const count = Math.min(actual.length, expected.length);
  for (let index = 0; index < count; index++) {
    const want = expected[index]!;
    const got = actual[index]!;
    if (!Number.isFinite(want) || sentinels.includes(want)) {
      if (got !== want) sentinelMismatches++;
      continue;
    }
    maxError = Math.max(maxError, Math.abs(got - want));
  }
  return { maxError, sentinelMismatches, lengthMismatch: actual.length !== expected.length };
}

/** Max |a - b| (lengths must agree; NaN anywhere counts as an infinite error). */
export function maxAbsoluteError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let max = 0;
  for (let index = 0; index < actual.length; index++) {
    const difference = Math.abs(actual[index]! - expected[index]!);
    if (Number.isNaN(difference)) return Infinity;
    max = Math.max(max, difference);
  }
  return max;
}

/** `((u / 255) - 0.5) / 0.5` in float32, as torch computes the ViT input from uint8 pixels. */
export function normalizeU8(pixels: Uint8Array): Float32Array {
  const output = new Float32Array(pixels.length);
  for (let index = 0; index < pixels.length; index++) output[index] = Math.fround(Math.fround(Math.fround(pixels[index]! / 255) - 0.5) / 0.5);
  return output;
}
