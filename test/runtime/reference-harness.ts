/**
 * The point-forcing rule of the frozen references (golden molmopoint-tiny README §6, and
 * tools/molmopoint/grammar.py `apply_harness`): random weights never choose to point, so the
 * references force it. Test-only: it reproduces how the references were made, not a runtime feature.
 */
import type { ExtendedScores } from "../../src/grounding/decode/grounding-grammar.js";
import { greedyChoice } from "../../src/grounding/decode/grounding-grammar.js";

/** What the rule did at one step. */
export type HarnessAction = "none" | "point-forcing" | "nmp-forcing";

/** Complete PATCH, SUBPATCH, LOCATION triples among `generated`. */
export function countTriples(generated: readonly number[], scores: ExtendedScores): number {
  const { patchStart, noMorePointsId, locationStart, end } = scores.bounds;
  const kind = (id: number): string =>
    id < patchStart ? "text" : id < noMorePointsId ? "patch" : id === noMorePointsId ? "nmp" : id < locationStart ? "subpatch" : id < end ? "location" : "?";
  let triples = 0;
  for (let index = 0; index + 2 < generated.length; index++) {
    if (kind(generated[index]!) === "patch" && kind(generated[index + 1]!) === "subpatch" && kind(generated[index + 2]!) === "location") triples++;
  }
  return triples;
}

/**
 * A `choose` for `MolmoPointModel.generate` applying the harness after the grammar, then greedy.
 * `actions` receives what it did at each step; `finalScores` (optional) a full copy of the scores
 * the choice was made on.
 */
export function harnessChoose(actions: HarnessAction[]): (scores: ExtendedScores, generated: readonly number[]) => number {
  return (scores, generated) => {
    const { patchStart, noMorePointsId } = scores.bounds;
    const last = generated.at(-1);
    if (last === undefined || last >= patchStart || generated.includes(noMorePointsId)) {
      actions.push("none");
      return greedyChoice(scores);
    }
    const triples = countTriples(generated, scores);
    if (triples < 2 && scores.tail.some((value) => value > -1e4)) {
      scores.textBanned = true;
      actions.push("point-forcing");
      return greedyChoice(scores);
    }
    const nmpScore = scores.tail[noMorePointsId - patchStart]!;
    if (triples >= 1 && Number.isFinite(nmpScore)) {
      scores.textBanned = true;
      scores.tail.fill(-Infinity);
      scores.tail[noMorePointsId - patchStart] = nmpScore;
      actions.push("nmp-forcing");
      return noMorePointsId;
    }
    actions.push("none");
    return greedyChoice(scores);
  };
}
