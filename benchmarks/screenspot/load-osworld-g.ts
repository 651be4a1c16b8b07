/**
 * OSWorld-G loader. Two schemas:
 * - original (xlang-ai/OSWorld-G `benchmark/OSWorld-G*.json`, or our `reconstructed/` copies):
 *   `box_type` bbox ([x, y, w, h]) | polygon (flat vertices) | refusal, `GUI_types`;
 * - MAI-UI's ScreenSpot-Pro-format conversion (`*_sspro_format.json`): `bbox` only, from which the
 *   type is inferred (more than 4 numbers → polygon, all zeros → refusal). That conversion stored
 *   every polygon's 2nd vertex as (x1 + x2, y1 + y2); the loader repairs it (see SOURCE.md, quirk 1).
 * The instruction set (original or refined) comes from the file name and is the item's group; refined
 * items get the id suffix `:refined` so that both sets can be scored in one run.
 */
import { basename } from "node:path";
import { z } from "zod";
import { InvalidInputError } from "../../src/core/errors.js";
import { annotationFiles, assertUniqueIds, parseRecord, readJsonArray } from "./annotation-files.js";
import type { EvalItem, EvalTarget, LoadedBenchmark } from "./eval-item.js";

const size = z.tuple([z.number().positive(), z.number().positive()]);

const originalRecord = z.object({
  id: z.string().min(1),
  image_path: z.string().min(1),
  image_size: size,
  instruction: z.string(),
  box_type: z.enum(["bbox", "polygon", "refusal"]),
  box_coordinates: z.array(z.number()),
  GUI_types: z.array(z.string()),
});

const ssproFormatRecord = z.object({
  img_filename: z.string().min(1),
  img_size: size,
  bbox: z.array(z.number()).min(4),
  instruction: z.string(),
  id: z.string().min(1),
  ui_type: z.array(z.string()),
});

/** The instruction set a file holds, from its name. */
export function osworldInstructionSet(file: string): "original" | "refined" {
  return /refined/i.test(basename(file)) ? "refined" : "original";
}

/**
 * Loads OSWorld-G: one file (original or refined instructions), or a folder, whose `OSWorld-G*.json`
 * files are all loaded (both instruction sets in one run).
 */
export function loadOsworldG(path: string): LoadedBenchmark {
  const files = annotationFiles(path, (name) => /^OSWorld-G/i.test(name));
  const items: EvalItem[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const set = osworldInstructionSet(file);
    let repaired = 0;
    readJsonArray(file).forEach((raw, index) => {
      const isOriginal = typeof raw === "object" && raw !== null && "box_type" in raw;
      const loaded = isOriginal ? fromOriginal(raw, file, index) : fromSsproFormat(raw, file, index);
      if (loaded.repaired) repaired += 1;
      items.push({
        ...loaded.item,
        id: set === "refined" ? `${loaded.item.id}:refined` : loaded.item.id,
        group: set,
      });
    });
    notes.push(`${basename(file)}: ${set} instructions${repaired > 0 ? `, ScreenSpot-Pro format, ${repaired} polygons repaired (2nd vertex)` : ""}`);
  }
  assertUniqueIds(items.map((item) => item.id), path);
  return { benchmark: "osworld-g", items, files, notes };
}

interface Loaded {
  item: Omit<EvalItem, "group">;
  repaired: boolean;
}

function fromOriginal(raw: unknown, file: string, index: number): Loaded {
  const record = parseRecord(originalRecord, raw, file, index);
  const coordinates = record.box_coordinates;
  let target: EvalTarget;
  if (record.box_type === "refusal") {
    target = { kind: "refusal" };
  } else if (record.box_type === "bbox") {
    const [x, y, w, h] = fourNumbers(coordinates, file, record.id);
    // x + w in float64, as the official scorer computes it.
    target = { kind: "box", x1: x, y1: y, x2: x + w, y2: y + h };
  } else {
    target = { kind: "polygon", vertices: polygonVertices(coordinates, file, record.id) };
  }
  return { item: common(record.id, record.image_path, record.instruction, target, record.image_size, record.GUI_types), repaired: false };
}

function fromSsproFormat(raw: unknown, file: string, index: number): Loaded {
  const record = parseRecord(ssproFormatRecord, raw, file, index);
  const numbers = record.bbox;
  let target: EvalTarget;
  let repaired = false;
  if (numbers.length > 4) {
    const [x1, y1, x2Stored, y2Stored] = fourNumbers(numbers.slice(0, 4), file, record.id);
    const vertices = [x1, y1, undoSum(x2Stored, x1), undoSum(y2Stored, y1), ...numbers.slice(4)];
    target = { kind: "polygon", vertices: polygonVertices(vertices, file, record.id) };
    repaired = true;
  } else if (numbers.every((value) => value === 0)) {
    target = { kind: "refusal" };
  } else {
    const [x1, y1, x2, y2] = fourNumbers(numbers, file, record.id);
    target = { kind: "box", x1, y1, x2, y2 };
  }
  return { item: common(record.id, record.img_filename, record.instruction, target, record.img_size, record.ui_type), repaired };
}

function common(
  id: string,
  image: string,
  instruction: string,
  target: EvalTarget,
  imageSize: readonly [number, number],
  uiTypes: readonly string[],
): Omit<EvalItem, "group"> {
  return { id, benchmark: "osworld-g", image, instruction, target, imageSize, application: undefined, platform: "linux", uiTypes };
}

/**
 * The vertex coordinate `v` that the converter turned into `stored = start + v`: the shortest decimal
 * with `start + v === stored` in float64 (plain subtraction can leave a rounding tail such as
 * 1157.7600000000002 where the annotator wrote 1157.76).
 */
export function undoSum(stored: number, start: number): number {
  const difference = stored - start;
  for (let digits = 1; digits <= 17; digits += 1) {
    const candidate = Number(difference.toPrecision(digits));
    if (start + candidate === stored) return candidate;
  }
  return difference;
}

function fourNumbers(values: readonly number[], file: string, id: string): [number, number, number, number] {
  const [a, b, c, d] = values;
  if (values.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new InvalidInputError("annotations", `${basename(file)} item ${id}: a box needs 4 numbers, got ${values.length}.`);
  }
  return [a, b, c, d];
}

function polygonVertices(values: readonly number[], file: string, id: string): number[] {
  if (values.length < 6 || values.length % 2 !== 0) {
    throw new InvalidInputError("annotations", `${basename(file)} item ${id}: a polygon needs an even count of at least 6 numbers, got ${values.length}.`);
  }
  return [...values];
}
