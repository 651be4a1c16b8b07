/**
 * Reads a JSON golden file. Lives in test/helpers so that tests of the pure rooms (src/grounding, src/core)
 * need no `node:fs` import of their own.
 */
import { readFileSync } from "node:fs";

/** Parses the JSON file at `path` (absolute, e.g. `${goldenRoot}molmo2/decode/points.json`) as `T`, unchecked. */
export function readGoldenJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
