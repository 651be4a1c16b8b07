/**
 * One entry point for every loader, plus the check for images that are not on disk.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchmarkName, EvalItem, LoadedBenchmark } from "./eval-item.js";
import { loadJsonl } from "./load-jsonl.js";
import { loadOsworldG } from "./load-osworld-g.js";
import { loadScreenSpotPro, type ScreenSpotProOptions } from "./load-screenspot-pro.js";
import { loadScreenSpotV2 } from "./load-screenspot-v2.js";

/** Loads the annotations of one benchmark from a file or folder. */
export function loadBenchmark(benchmark: BenchmarkName, path: string, options: ScreenSpotProOptions = {}): LoadedBenchmark {
  switch (benchmark) {
    case "screenspot-pro":
      return loadScreenSpotPro(path, options);
    case "screenspot-v2":
      return loadScreenSpotV2(path);
    case "osworld-g":
      return loadOsworldG(path);
    case "jsonl":
      return loadJsonl(path);
  }
}

/** Image paths (relative, as in the annotations) that do not exist under `imagesRoot`, each listed once. */
export function findMissingImages(items: readonly EvalItem[], imagesRoot: string): string[] {
  const checked = new Map<string, boolean>();
  const missing: string[] = [];
  for (const item of items) {
    if (checked.has(item.image)) continue;
    const exists = existsSync(join(imagesRoot, item.image));
    checked.set(item.image, exists);
    if (!exists) missing.push(item.image);
  }
  return missing;
}
