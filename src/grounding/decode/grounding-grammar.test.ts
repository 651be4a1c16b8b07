import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { createPointHeadConfig, extendedTokenBounds, type PointGrammarOptions } from "./point-head-config.js";
import {
  applyPointGrammar,
  assembleExtendedScores,
  extendedScore,
  grammarContext,
  greedyChoice,
  materializeExtendedScores,
} from "./grounding-grammar.js";

// A small vocabulary keeps the tables readable: V = 20, PATCH/SUBPATCH/LOCATION = 10/11/12, N = 6.
const configWith = (grammar: Partial<PointGrammarOptions> = {}) =>
  createPointHeadConfig({
    vocabularySize: 20,
    patchTokenId: 10,
    subpatchTokenId: 11,
    locationTokenId: 12,
    eosTokenId: 3,
    hiddenSize: 8,
    pointDimension: 4,
    vitFeatureDimension: 4,
    grammar,
  });
const config = configWith();
const bounds = extendedTokenBounds(config, 6);
const P = (p: number): number => bounds.patchStart + p;
const NMP = bounds.noMorePointsId;
const S = (s: number): number => bounds.subpatchStart + s;
const L = (l: number): number => bounds.locationStart + l;

/** Which extended ids are allowed (not -inf) after the grammar, with every raw score finite. */
function allowed(generated: number[], grammar: Partial<PointGrammarOptions> = {}): { text: boolean; ids: number[] } {
  const text = new Float32Array(20).fill(1);
  const scores = assembleExtendedScores(text, { patch: new Float32Array(7).fill(0), subpatch: new Float32Array(4), location: new Float32Array(9) }, bounds, config);
  scores.tail.fill(0);
  applyPointGrammar(scores, grammarContext(generated, bounds), configWith(grammar));
  const ids: number[] = [];
  for (let id = bounds.patchStart; id < bounds.end; id++) if (extendedScore(scores, id) !== -Infinity) ids.push(id);
  return { text: !scores.textBanned, ids };
}
const range = (start: number, end: number): number[] => Array.from({ length: end - start }, (_, index) => start + index);
const patches = (from: number): number[] => range(P(from), NMP + 1);

describe("bounds", () => {
  it("lays out V + p, V + N, V + N + 1 + s, V + N + 5 + l", () => {
    expect(bounds).toEqual({
      vocabularySize: 20,
      patchCount: 6,
      patchStart: 20,
      noMorePointsId: 26,
      subpatchStart: 27,
      locationStart: 31,
      end: 40,
      tailLength: 20,
    });
  });
});

describe("applyPointGrammar (MolmoPointLogitProcessor)", () => {
  it.each([
    ["nothing generated: text, any patch, NMP", [], {}, true, patches(0)],
    ["after text: same", [5], {}, true, patches(0)],
    ["after PATCH: only subpatches", [5, P(2)], {}, false, range(S(0), S(4))],
    ["after SUBPATCH: only locations", [5, P(2), S(1)], {}, false, range(L(0), L(9))],
    ["after LOCATION: text, patches from the point's patch on", [5, P(2), S(1), L(4)], {}, true, patches(2)],
    ["after the object id: same", [5, P(2), S(1), L(4), 7], {}, true, patches(2)],
    ["re-chosen patch: subpatches above the previous one only", [P(2), S(1), L(4), 7, P(2)], {}, false, range(S(2), S(4))],
    ["re-chosen patch without preventRepeats: the same subpatch allowed", [P(2), S(1), L(4), 7, P(2)], { preventRepeats: false }, false, range(S(1), S(4))],
    ["re-chosen patch without sorted subpatches: all", [P(2), S(1), L(4), 7, P(2)], { sortedSubpatches: false }, false, range(S(0), S(4))],
    ["last subpatch was 3: its patch banned", [P(2), S(3), L(0), 7], {}, true, patches(3)],
    ["last subpatch was 3, no preventRepeats: its patch allowed", [P(2), S(3), L(0), 7], { preventRepeats: false }, true, patches(2)],
    ["unsorted patches: everything again", [P(4), S(1), L(0), 7], { sortedPatches: false }, true, patches(0)],
    ["after NMP: no point id at all", [5, NMP], {}, true, []],
    ["NMP anywhere bans points for good", [NMP, 5, 6], {}, true, []],
    ["a later point on another patch", [P(2), S(1), L(4), 7, P(4), S(0), L(0), 8], {}, true, patches(4)],
  ] as const)("%s", (_name, generated, grammar, text, ids) => {
    expect(allowed([...generated], grammar)).toEqual({ text, ids });
  });

  it("counts a point as complete only once its last two tokens are behind it", () => {
    expect(grammarContext([P(2), S(1)], bounds)).toMatchObject({ lastCompletePatchId: null, lastCompleteSubpatchId: null });
    expect(grammarContext([P(2), S(1), L(0)], bounds)).toMatchObject({ lastCompletePatchId: P(2), lastCompleteSubpatchId: null });
    expect(grammarContext([P(2), S(1), L(0), 7], bounds)).toMatchObject({ lastCompletePatchId: P(2), lastCompleteSubpatchId: S(1) });
  });
});

describe("assembleExtendedScores", () => {
  it("copies the PATCH-token logit into the argmax patch slot and sets the three special text ids to -1e5", () => {
    const text = Float32Array.from({ length: 20 }, (_, id) => id / 10);
    const patch = Float32Array.from([-1e8, 0.5, 2, 2, -3, 1, 0.1]); // first of the tied maxima wins
    const scores = assembleExtendedScores(text, { patch, subpatch: null, location: Float32Array.from(range(0, 9)) }, bounds, config);
    expect(scores.text).toBe(text); // edited in place, not copied
    expect(scores.argmaxPatch).toBe(2);
    expect([text[10], text[11], text[12]]).toEqual([-1e5, -1e5, -1e5]);
    expect(Array.from(scores.tail)).toEqual([
      ...[-1e5, -1e5, 1, -1e5, -1e5, -1e5, -1e5],
      ...[-1e5, -1e5, -1e5, -1e5],
      ...range(0, 9),
    ]);
  });

  it("at the prefill step every point slot is -1e5", () => {
    const scores = assembleExtendedScores(new Float32Array(20).fill(9), { patch: null, subpatch: null, location: null }, bounds, config);
    expect(scores.argmaxPatch).toBe(-1);
    expect(Array.from(scores.tail)).toEqual(new Array<number>(20).fill(-1e5));
  });

  it("rejects text logits of the wrong length", () => {
    const call = () => assembleExtendedScores(new Float32Array(19), { patch: null, subpatch: null, location: null }, bounds, config);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(/vocabularySize = 20 entries/);
  });
});

describe("greedyChoice and materializeExtendedScores", () => {
  const make = (textValues: number[], tailValues: number[], textBanned: boolean) => ({
    bounds,
    text: Float32Array.from(textValues),
    tail: Float32Array.from(tailValues),
    textBanned,
    argmaxPatch: -1,
  });
  const tail = (entries: Record<number, number>): number[] => range(0, 20).map((index) => entries[index] ?? -Infinity);
  it.each([
    ["text max", make(range(0, 20).map((id) => (id === 4 ? 3 : 0)), tail({ 2: 2 }), false), 4],
    ["tail max", make(new Array<number>(20).fill(0), tail({ 2: 2 }), false), P(2)],
    ["tie text vs tail: text (lower index) wins", make(new Array<number>(20).fill(2), tail({ 2: 2 }), false), 0],
    ["text banned", make(new Array<number>(20).fill(99), tail({ 8: 1, 9: 1 }), true), S(1)],
    ["all -inf: index 0 like torch.argmax", make(new Array<number>(20).fill(-Infinity), tail({}), false), 0],
    ["all banned: index 0", make(new Array<number>(20).fill(5), tail({}), true), 0],
  ] as const)("%s", (_name, scores, expected) => {
    expect(greedyChoice(scores)).toBe(expected);
  });

  it("materializes -inf text while banned, and the tail after V", () => {
    const full = materializeExtendedScores(make(new Array<number>(20).fill(1), tail({ 0: 5 }), true));
    expect(full.length).toBe(40);
    expect(Array.from(full.subarray(0, 20))).toEqual(new Array<number>(20).fill(-Infinity));
    expect(full[20]).toBe(5);
  });
});
