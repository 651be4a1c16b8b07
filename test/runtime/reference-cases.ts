/** Reads `test/fixtures/tiny-model/reference/cases.json` (frozen PyTorch references of the tiny package). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { HarnessAction } from "./reference-harness.js";

/** The tiny random package and its references. */
export const tinyPackageDirectory = join(import.meta.dirname, "../fixtures/tiny-model");
export const tinyReferenceDirectory = join(tinyPackageDirectory, "reference");

/** One reference case (the fields the tests read). */
export interface ReferenceCase {
  image: string;
  width: number;
  height: number;
  maxCrops: number;
  instruction: string;
  instructionIds: number[];
  pixelValuesF32Sha256: string;
  generatedIds: number[];
  points: { patch: number; subpatch: number; location: number; x: number; y: number }[];
  steps: { step: number; harness: HarnessAction }[];
  withoutHarness: { generatedIds: number[]; points: unknown[] };
}

/** The cases, in file order. Python's json writes bare -Infinity/NaN tokens (not JSON); they are quoted first. */
export async function readReferenceCases(): Promise<ReferenceCase[]> {
  const text = await readFile(join(tinyReferenceDirectory, "cases.json"), "utf8");
  return (JSON.parse(text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])/g, '"$1"')) as { cases: ReferenceCase[] }).cases;
}
