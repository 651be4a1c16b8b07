/**
 * Counts of a generated dataset: screens, points, instructions, negatives, per family and role,
 * and image bytes.
 *
 *   npx tsx tools/synth/stats.ts data/synth/val
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ScreenRecord } from "./render-screen.js";

/** Summary of the shards in one dataset folder. */
export interface DatasetStats {
  screens: number;
  points: number;
  instructions: number;
  negatives: number;
  imageBytes: number;
  trainImageBytes: number;
  byFamily: Record<string, { screens: number; points: number }>;
  byRole: Record<string, number>;
}

/** Reads every `shard-*.jsonl` of `folder` and sizes the images they name. */
export async function datasetStats(folder: string): Promise<DatasetStats> {
  const stats: DatasetStats = { screens: 0, points: 0, instructions: 0, negatives: 0, imageBytes: 0, trainImageBytes: 0, byFamily: {}, byRole: {} };
  const shards = (await readdir(folder)).filter((name) => /^shard-\d+\.jsonl$/.test(name)).sort();
  for (const shard of shards) {
    for (const line of (await readFile(join(folder, shard), "utf8")).split("\n")) {
      if (!line) continue;
      const record = JSON.parse(line) as ScreenRecord;
      stats.screens += 1;
      stats.points += record.elements.length;
      stats.negatives += record.negatives.length;
      const family = (stats.byFamily[record.family] ??= { screens: 0, points: 0 });
      family.screens += 1;
      family.points += record.elements.length;
      for (const element of record.elements) {
        stats.instructions += element.instructions.length;
        stats.byRole[element.role] = (stats.byRole[element.role] ?? 0) + 1;
      }
      if (record.image) stats.imageBytes += (await stat(join(folder, record.image)).catch(() => ({ size: 0 }))).size;
      if (record.train && record.train.image !== record.image) stats.trainImageBytes += (await stat(join(folder, record.train.image)).catch(() => ({ size: 0 }))).size;
    }
  }
  return stats;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) throw new Error("usage: npx tsx tools/synth/stats.ts DATASET_FOLDER");
  const stats = await datasetStats(folder);
  const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  const lines = [
    `${folder}: ${stats.screens} screens, ${stats.points} points (${(stats.points / Math.max(stats.screens, 1)).toFixed(1)}/screen), ${stats.instructions} instructions (${(stats.instructions / Math.max(stats.points, 1)).toFixed(2)}/point), ${stats.negatives} negatives`,
    `images ${megabytes(stats.imageBytes)}, train-res images ${megabytes(stats.trainImageBytes)}`,
    `roles: ${Object.entries(stats.byRole).sort((a, b) => b[1] - a[1]).map(([role, count]) => `${role} ${count}`).join(", ")}`,
    ...Object.entries(stats.byFamily).sort().map(([family, counts]) => `  ${family.padEnd(24)} ${String(counts.screens).padStart(5)} screens ${(counts.points / counts.screens).toFixed(1).padStart(6)} points/screen`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
