/** One character read by greedy CTC decoding, with the time steps that produced it. */
export interface CtcCharacter {
  /** Index into the recogniser's vocabulary (0 is the CTC blank). */
  readonly index: number;
  /** First and last time step of the run of identical argmax labels that produced this character. */
  readonly firstStep: number;
  readonly lastStep: number;
  /** Highest probability of the label over its run. */
  readonly probability: number;
}

/**
 * Greedy CTC decoding (as PaddleOCR's CTCLabelDecode): argmax per time step, merge repeated labels,
 * drop blanks. Reads one sequence of `steps × classes` probabilities starting at `offset`.
 */
export function decodeCtcGreedy(
  probabilities: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  blank = 0,
): CtcCharacter[] {
  const characters: CtcCharacter[] = [];
  let previous = blank;
  for (let step = 0; step < steps; step += 1) {
    const base = offset + step * classes;
    let best = 0;
    let bestProbability = -Infinity;
    for (let label = 0; label < classes; label += 1) {
      const probability = probabilities[base + label] ?? 0;
      if (probability > bestProbability) {
        bestProbability = probability;
        best = label;
      }
    }
    if (best !== blank) {
      const last = characters[characters.length - 1];
      if (best === previous && last !== undefined && last.lastStep === step - 1) {
        characters[characters.length - 1] = {
          ...last,
          lastStep: step,
          probability: Math.max(last.probability, bestProbability),
        };
      } else {
        characters.push({ index: best, firstStep: step, lastStep: step, probability: bestProbability });
      }
    }
    previous = best;
  }
  return characters;
}
