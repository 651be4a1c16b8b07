/**
 * Turns items and their predictions into scores and breakdowns. Pure.
 */
import type { EvalItem } from "./eval-item.js";
import type { PredictionRecord } from "./prediction-record.js";
import { resolutionBucket, resolutionBucketLabels, scorePrediction, type Outcome } from "./scoring.js";

/** One scored item. */
export interface ScoredItem {
  readonly item: EvalItem;
  readonly prediction: PredictionRecord;
  readonly outcome: Outcome;
  readonly correct: boolean;
  /** The image size scoring used: the annotation's, else the decoded image's. */
  readonly imageSize: readonly [number, number];
  readonly resolution: string;
}

/** Accuracy of one slice. */
export interface Tally {
  correct: number;
  total: number;
  accuracy: number;
}

/** The breakdown dimensions every report carries (empty objects when the benchmark has no such label). */
export interface Breakdown {
  readonly group: Record<string, Tally>;
  readonly application: Record<string, Tally>;
  readonly platform: Record<string, Tally>;
  /** Multi-label for OSWorld-G: an item counts once under each of its types. */
  readonly uiType: Record<string, Tally>;
  readonly resolution: Record<string, Tally>;
  /** The leaderboard cells: group × ui type (e.g. `"CAD / icon"`). */
  readonly groupUiType: Record<string, Tally>;
  /** Target kind: box, polygon, refusal. */
  readonly targetKind: Record<string, Tally>;
}

/** Scores and breakdowns of a run. */
export interface Summary extends Tally {
  readonly outcomes: Record<Outcome, number>;
  readonly breakdown: Breakdown;
}

/** Scores each item that has a prediction; items without one are left out. */
export function scoreItems(items: readonly EvalItem[], predictions: ReadonlyMap<string, PredictionRecord>): ScoredItem[] {
  const scored: ScoredItem[] = [];
  for (const item of items) {
    const prediction = predictions.get(item.id);
    if (prediction === undefined) continue;
    const imageSize: readonly [number, number] = item.imageSize ?? [prediction.imageWidth, prediction.imageHeight];
    const outcome = scorePrediction(item.benchmark, item.target, prediction, imageSize);
    scored.push({
      item,
      prediction,
      outcome,
      correct: outcome === "correct",
      imageSize,
      resolution: resolutionBucket(imageSize[0], imageSize[1]),
    });
  }
  return scored;
}

function add(table: Record<string, Tally>, key: string | undefined, correct: boolean): void {
  if (key === undefined || key === "") return;
  const tally = (table[key] ??= { correct: 0, total: 0, accuracy: 0 });
  tally.total += 1;
  if (correct) tally.correct += 1;
  tally.accuracy = tally.correct / tally.total;
}

function sortedBy<T>(table: Record<string, T>, order?: readonly string[]): Record<string, T> {
  const keys = Object.keys(table).sort((a, b) => {
    if (order) return order.indexOf(a) - order.indexOf(b);
    return a.localeCompare(b);
  });
  return Object.fromEntries(keys.map((key) => [key, table[key] as T]));
}

/** Overall accuracy (correct / scored items) and every breakdown. */
export function summarize(scored: readonly ScoredItem[]): Summary {
  const outcomes: Record<Outcome, number> = { correct: 0, wrong: 0, no_point: 0, error: 0 };
  const breakdown = {
    group: {} as Record<string, Tally>,
    application: {} as Record<string, Tally>,
    platform: {} as Record<string, Tally>,
    uiType: {} as Record<string, Tally>,
    resolution: {} as Record<string, Tally>,
    groupUiType: {} as Record<string, Tally>,
    targetKind: {} as Record<string, Tally>,
  };
  for (const entry of scored) {
    outcomes[entry.outcome] += 1;
    const { item, correct } = entry;
    add(breakdown.group, item.group, correct);
    add(breakdown.application, item.application, correct);
    add(breakdown.platform, item.platform, correct);
    for (const uiType of new Set(item.uiTypes)) add(breakdown.uiType, uiType, correct);
    add(breakdown.resolution, entry.resolution, correct);
    if (item.group !== undefined && item.uiTypes.length === 1) add(breakdown.groupUiType, `${item.group} / ${item.uiTypes[0]}`, correct);
    add(breakdown.targetKind, item.target.kind, correct);
  }
  const correct = outcomes.correct;
  const total = scored.length;
  return {
    correct,
    total,
    accuracy: total === 0 ? 0 : correct / total,
    outcomes,
    breakdown: {
      group: sortedBy(breakdown.group),
      application: sortedBy(breakdown.application),
      platform: sortedBy(breakdown.platform),
      uiType: sortedBy(breakdown.uiType),
      resolution: sortedBy(breakdown.resolution, resolutionBucketLabels),
      groupUiType: sortedBy(breakdown.groupUiType),
      targetKind: sortedBy(breakdown.targetKind),
    },
  };
}
