/**
 * The float32 primitives of MolmoPoint's point head on plain Float32Arrays. Reductions accumulate in
 * double and round once (a little more accurate than torch's float32 kernels; the goldens' float64
 * recomputation differs from torch by <= 4.5e-7 relative). Elementwise steps round to float32 where
 * torch rounds, because for the rotary angles that rounding is visible (about 3e-5 on keys at position
 * ~1000 when skipped).
 */

const fround = Math.fround;

/**
 * RMSNorm of one row, as MolmoPoint's `Molmo2RMSNorm`: float32 `x * rsqrt(mean(x^2) + eps)`, then times the
 * weight. Writes `length` values of `output` from `outputOffset`.
 */
export function rmsNormRow(
  input: Float32Array,
  inputOffset: number,
  length: number,
  weight: Float32Array,
  epsilon: number,
  output: Float32Array,
  outputOffset = 0,
): void {
  let sumOfSquares = 0;
  for (let index = 0; index < length; index++) {
    const value = input[inputOffset + index]!;
    sumOfSquares += value * value;
  }
  const variance = fround(sumOfSquares / length);
  const inverse = fround(1 / Math.sqrt(fround(variance + epsilon)));
  for (let index = 0; index < length; index++) {
    output[outputOffset + index] = fround(weight[index]! * fround(input[inputOffset + index]! * inverse));
  }
}

/**
 * `y = x @ W.T + b` for one input row (as `torch.nn.Linear`), with `W` row-major `[outFeatures, inFeatures]`.
 * Writes `outFeatures` values of `output` from `outputOffset`.
 */
export function linearRow(
  input: Float32Array,
  inputOffset: number,
  weight: Float32Array,
  bias: Float32Array | null,
  inFeatures: number,
  outFeatures: number,
  output: Float32Array,
  outputOffset = 0,
): void {
  for (let row = 0; row < outFeatures; row++) {
    const weightOffset = row * inFeatures;
    let accumulator = 0;
    for (let index = 0; index < inFeatures; index++) {
      accumulator += input[inputOffset + index]! * weight[weightOffset + index]!;
    }
    output[outputOffset + row] = bias === null ? fround(accumulator) : fround(accumulator + bias[row]!);
  }
}

/** Dot product of two rows of length `length`, accumulated in double. */
export function dotRows(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, length: number): number {
  let accumulator = 0;
  for (let index = 0; index < length; index++) {
    accumulator += a[aOffset + index]! * b[bOffset + index]!;
  }
  return accumulator;
}

/**
 * The 1-D rotary embedding of one row in place, as MolmoPoint's `MolmoPointPatchRope.forward` (NeoX
 * "rotate-half" layout): angles `fround(position * inverseFrequency[i])` duplicated over both halves,
 * `out = x * cos + rotate_half(x) * sin` with `rotate_half([a | b]) = [-b | a]`, all in float32.
 * Position 0 leaves the row unchanged.
 */
export function rotateRowInPlace(
  row: Float32Array,
  offset: number,
  position: number,
  inverseFrequencies: Float32Array,
): void {
  if (position === 0) return;
  const half = inverseFrequencies.length;
  const positionFloat = fround(position);
  for (let index = 0; index < half; index++) {
    const angle = fround(positionFloat * inverseFrequencies[index]!);
    const cosine = fround(Math.cos(angle));
    const sine = fround(Math.sin(angle));
    const first = row[offset + index]!;
    const second = row[offset + half + index]!;
    // out[i] = x[i]*cos - x[i+half]*sin; out[i+half] = x[i+half]*cos + x[i]*sin
    row[offset + index] = fround(fround(first * cosine) + fround(-second * sine));
    row[offset + half + index] = fround(fround(second * cosine) + fround(first * sine));
  }
}

/** Index of the largest value (first on ties, NaN never wins), as `torch.argmax`; -1 for an empty range. */
export function argmaxRange(values: Float32Array, start = 0, end = values.length): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let index = start; index < end; index++) {
    const value = values[index]!;
    if (value > bestValue || (best === -1 && value === -Infinity)) {
      best = index;
      bestValue = value;
    }
  }
  return best;
}

/** Softmax probability of `values[chosen]` among `values` (computed in double, max-shifted). */
export function softmaxProbability(values: ArrayLike<number>, chosen: number): number {
  let maximum = -Infinity;
  for (let index = 0; index < values.length; index++) maximum = Math.max(maximum, values[index]!);
  if (maximum === -Infinity) return 0;
  let total = 0;
  for (let index = 0; index < values.length; index++) total += Math.exp(values[index]! - maximum);
  return Math.exp(values[chosen]! - maximum) / total;
}
