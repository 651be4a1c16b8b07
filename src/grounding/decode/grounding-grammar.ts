/**
 * The extended logit vector of one decode step and the grammar that constrains it, as
 * `MolmoPointForConditionalGeneration.forward` (assembly) and `MolmoPointLogitProcessor.__call__` (masks).
 *
 * The vector is `V + N + 14` long (V = 152064 for the 8B model), but only its tail from V on is new. To
 * avoid copying the text logits, {@link ExtendedScores} keeps the runtime's text-logit array and edits it
 * in place (three entries), keeps the small tail in its own array, and records "every text id is -inf" as
 * a flag instead of writing -inf into V entries. {@link extendedScore} and {@link materializeExtendedScores}
 * give the values the reference would hold.
 */
import { InvalidInputError } from "../../core/errors.js";
import { type ExtendedTokenBounds, type PointHeadConfig } from "./point-head-config.js";
import { argmaxRange } from "./point-head-math.js";
import { SMALL_LOGIT } from "./point-head.js";

/** One step's scores over the extended vocabulary, in the split form described above. */
export interface ExtendedScores {
  readonly bounds: ExtendedTokenBounds;
  /** `[V]` text logits: the runtime's array, edited in place. Ignored (all -inf) while `textBanned`. */
  readonly text: Float32Array;
  /** `[N + 14]` scores of the ids from V on: N + 1 patch slots (NMP last), 4 subpatch, 9 location. */
  readonly tail: Float32Array;
  /** True when the grammar banned every text id (after a PATCH or SUBPATCH token). */
  textBanned: boolean;
  /** `argmax` of the patch logits (N = no-more-points), or -1 when there were none (the prefill step). */
  readonly argmaxPatch: number;
}

/** The point-head outputs of one step; `null` where the step does not produce them. */
export interface PointHeadLogits {
  /** `[N + 1]`, null at the prefill step. */
  readonly patch: Float32Array | null;
  /** `[4]`, only when the step's input token was a PATCH. */
  readonly subpatch: Float32Array | null;
  /** `[9]`, only when the step's input token was a SUBPATCH. */
  readonly location: Float32Array | null;
}

/**
 * Assembles the extended scores as upstream: the PATCH-token text logit is copied into the slot of
 * `argmax(patch logits)` (all other patch slots -1e5), then the subpatch and location logits (or -1e5), and
 * the text entries of PATCH, SUBPATCH and LOCATION are set to -1e5. Edits `text` in place.
 */
export function assembleExtendedScores(
  text: Float32Array,
  logits: PointHeadLogits,
  bounds: ExtendedTokenBounds,
  config: PointHeadConfig,
): ExtendedScores {
  if (text.length !== bounds.vocabularySize) {
    throw new InvalidInputError(
      "textLogits",
      `grounding decode: text logits must have vocabularySize = ${bounds.vocabularySize} entries (the LM head's output for one position), got ${text.length}.`,
    );
  }
  const tail = new Float32Array(bounds.tailLength).fill(SMALL_LOGIT);
  const patchTokenLogit = text[config.patchTokenId]!;
  text[config.patchTokenId] = SMALL_LOGIT;
  let argmaxPatch = -1;
  if (logits.patch !== null) {
    if (logits.patch.length !== bounds.patchCount + 1) {
      throw new InvalidInputError("patchLogits", `grounding decode: expected N + 1 = ${bounds.patchCount + 1} patch logits, got ${logits.patch.length}.`);
    }
    argmaxPatch = argmaxRange(logits.patch);
    tail[argmaxPatch] = patchTokenLogit;
  }
  text[config.subpatchTokenId] = SMALL_LOGIT;
  if (logits.subpatch !== null) tail.set(logits.subpatch, bounds.subpatchStart - bounds.patchStart);
  text[config.locationTokenId] = SMALL_LOGIT;
  if (logits.location !== null) tail.set(logits.location, bounds.locationStart - bounds.patchStart);
  return { bounds, text, tail, textBanned: false, argmaxPatch };
}

/** What the grammar needs to know about the tokens generated so far. */
export interface GrammarContext {
  /** The last token of the sequence (last prompt token before the first generated one). */
  readonly lastToken: number;
  /** Whether no-more-points occurs anywhere in the sequence. */
  readonly sawNoMorePoints: boolean;
  /** Latest patch-range id (`V + p`, NMP included) before the last two tokens, or null. */
  readonly lastCompletePatchId: number | null;
  /** Latest subpatch id (`V + N + 1 + s`) before the last two tokens, or null. */
  readonly lastCompleteSubpatchId: number | null;
}

/**
 * The {@link GrammarContext} of a token sequence, as the logit processor derives it: point ids in the last
 * two tokens (the point being completed) do not count as complete. `lastPromptToken` stands in for the
 * last token while nothing was generated (any text id behaves the same).
 */
export function grammarContext(
  generatedIds: readonly number[],
  bounds: ExtendedTokenBounds,
  lastPromptToken = 0,
): GrammarContext {
  let lastCompletePatchId: number | null = null;
  let lastCompleteSubpatchId: number | null = null;
  let sawNoMorePoints = false;
  const completeEnd = generatedIds.length - 2;
  for (let index = 0; index < generatedIds.length; index++) {
    const id = generatedIds[index]!;
    if (id === bounds.noMorePointsId) sawNoMorePoints = true;
    if (index >= completeEnd) continue;
    if (id >= bounds.patchStart && id < bounds.subpatchStart) lastCompletePatchId = id;
    else if (id >= bounds.subpatchStart && id < bounds.locationStart) lastCompleteSubpatchId = id;
  }
  const lastToken = generatedIds.length > 0 ? generatedIds[generatedIds.length - 1]! : lastPromptToken;
  return { lastToken, sawNoMorePoints, lastCompletePatchId, lastCompleteSubpatchId };
}

/**
 * Applies MolmoPoint's grammar to `scores` in place (`MolmoPointLogitProcessor`): after no-more-points no
 * point id at all; after a PATCH id only SUBPATCH ids (of a re-chosen patch only ones above the previous
 * subpatch); after a SUBPATCH id only LOCATION ids; otherwise no SUBPATCH/LOCATION ids, no patch below the
 * last complete point's patch, and not that patch again when its subpatch was the last one (3).
 */
export function applyPointGrammar(scores: ExtendedScores, context: GrammarContext, config: PointHeadConfig): void {
  const { bounds, tail } = scores;
  const { grammar } = config;
  const at = (id: number): number => id - bounds.patchStart;
  const subpatchEnd = bounds.locationStart;
  const token = context.lastToken;
  if (context.sawNoMorePoints) {
    tail.fill(-Infinity);
  } else if (token < bounds.patchStart || token >= subpatchEnd) {
    tail.fill(-Infinity, at(bounds.subpatchStart));
    const lastPatch = context.lastCompletePatchId;
    if (grammar.sortedPatches && lastPatch !== null) tail.fill(-Infinity, 0, at(lastPatch));
    if (
      grammar.preventRepeats &&
      grammar.sortedSubpatches &&
      lastPatch !== null &&
      context.lastCompleteSubpatchId === subpatchEnd - 1
    ) {
      tail[at(lastPatch)] = -Infinity;
    }
  } else if (token < bounds.subpatchStart) {
    scores.textBanned = true;
    tail.fill(-Infinity, 0, at(bounds.subpatchStart));
    tail.fill(-Infinity, at(subpatchEnd));
    const lastSubpatch = context.lastCompleteSubpatchId;
    if (grammar.sortedSubpatches && context.lastCompletePatchId === token && lastSubpatch !== null) {
      tail.fill(-Infinity, at(bounds.subpatchStart), at(lastSubpatch) + (grammar.preventRepeats ? 1 : 0));
    }
  } else {
    scores.textBanned = true;
    tail.fill(-Infinity, 0, at(bounds.locationStart));
  }
}

/** The score the reference's extended vector holds at `id` (text ids read -inf while banned). */
export function extendedScore(scores: ExtendedScores, id: number): number {
  if (id < scores.bounds.vocabularySize) return scores.textBanned ? -Infinity : scores.text[id]!;
  return scores.tail[id - scores.bounds.patchStart]!;
}

/** A full-length copy of the extended vector (`V + N + 14`), for samplers that need one array. */
export function materializeExtendedScores(scores: ExtendedScores): Float32Array {
  const full = new Float32Array(scores.bounds.end);
  if (scores.textBanned) full.fill(-Infinity, 0, scores.bounds.vocabularySize);
  else full.set(scores.text);
  full.set(scores.tail, scores.bounds.patchStart);
  return full;
}

/** Greedy choice over the extended scores: `argmax` with the first index winning ties, as `torch.argmax`. */
export function greedyChoice(scores: ExtendedScores): number {
  let best = -1;
  let bestValue = -Infinity;
  if (!scores.textBanned) {
    best = argmaxRange(scores.text);
    bestValue = scores.text[best] ?? -Infinity;
  }
  const tailBest = argmaxRange(scores.tail);
  if (tailBest >= 0 && scores.tail[tailBest]! > bestValue) {
    best = scores.bounds.patchStart + tailBest;
    bestValue = scores.tail[tailBest]!;
  }
  // Every entry -inf: torch.argmax answers index 0.
  return bestValue === -Infinity ? 0 : best;
}
