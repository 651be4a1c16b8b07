/**
 * Latency tables: p50 / p95 of the `locate` wall time and of each stage the grounder reports
 * (preprocess, vision, prefill, decode, … — whatever keys its `timings` carry), per resolution bucket
 * and overall. Failed items are left out. Pure.
 */
import type { ScoredItem } from "./summarize.js";
import { resolutionBucketLabels } from "./scoring.js";

/** Percentile with linear interpolation between closest ranks (NumPy's default). NaN when empty. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** p50 and p95 of one measure, in ms. */
export interface Quantiles {
  p50: number;
  p95: number;
}

/** One row of the latency table. */
export interface LatencyRow {
  /** Items measured. */
  readonly count: number;
  /** Wall time of `locate`, measured by the worker. */
  readonly locate: Quantiles;
  /** Image decode time, for items that decoded a new screenshot. */
  readonly load: Quantiles;
  /** Each stage the grounder reported. */
  readonly stages: Record<string, Quantiles>;
}

/** Latency overall and per resolution bucket. */
export interface LatencyTable {
  readonly overall: LatencyRow;
  /**
   * Only the first item the worker ran on each screenshot (it decoded the image): a cold call for
   * grounders that cache per screenshot, as the OCR grounder does.
   */
  readonly firstOnScreenshot: LatencyRow;
  readonly byResolution: Record<string, LatencyRow>;
  /** Stage names in first-seen order. */
  readonly stageNames: readonly string[];
}

function quantiles(values: readonly number[]): Quantiles {
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

function row(entries: readonly ScoredItem[], stageNames: readonly string[]): LatencyRow {
  const stages: Record<string, Quantiles> = {};
  for (const stage of stageNames) {
    const values = entries.map((entry) => entry.prediction.timings[stage]).filter((value): value is number => value !== undefined);
    if (values.length > 0) stages[stage] = quantiles(values);
  }
  return {
    count: entries.length,
    locate: quantiles(entries.map((entry) => entry.prediction.locateMs)),
    load: quantiles(entries.map((entry) => entry.prediction.loadMs).filter((value) => value > 0)),
    stages,
  };
}

/** Builds the latency table from scored items (items with errors are skipped). */
export function latencyTable(scored: readonly ScoredItem[]): LatencyTable {
  const measured = scored.filter((entry) => entry.prediction.error === undefined);
  const stageNames: string[] = [];
  for (const entry of measured) {
    for (const stage of Object.keys(entry.prediction.timings)) if (!stageNames.includes(stage)) stageNames.push(stage);
  }
  const byResolution: Record<string, LatencyRow> = {};
  for (const label of resolutionBucketLabels) {
    const entries = measured.filter((entry) => entry.resolution === label);
    if (entries.length > 0) byResolution[label] = row(entries, stageNames);
  }
  const first = measured.filter((entry) => entry.prediction.loadMs > 0);
  return { overall: row(measured, stageNames), firstOnScreenshot: row(first, stageNames), byResolution, stageNames };
}
