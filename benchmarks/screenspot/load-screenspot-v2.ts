/**
 * ScreenSpot-v2 loader. It reads the three schemas the split files are found in:
 * - original (OS-Copilot/ScreenSpot-v2): `bbox` = [x, y, w, h], `data_type`, `data_source`;
 * - GUI-Actor's conversion: `bbox` = [x1, y1, x2, y2], `ui_type`, `platform` (= data_source), `img_size`, `group`;
 * - MAI-UI's ScreenSpot-Pro-format conversion (`*_convert.json`): it has ids but has lost `data_source`.
 * The split (desktop, mobile, web) is taken from the file name and becomes the item's group.
 */
import { basename } from "node:path";
import { z } from "zod";
import { InvalidInputError } from "../../src/core/errors.js";
import { annotationFiles, assertUniqueIds, parseRecord, readJsonArray } from "./annotation-files.js";
import type { EvalItem, LoadedBenchmark } from "./eval-item.js";

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const size = z.tuple([z.number().positive(), z.number().positive()]);

// Every schema has these; each adds its own fields.
const baseRecord = z.object({
  img_filename: z.string().min(1),
  bbox: box,
  instruction: z.string(),
});

const originalRecord = baseRecord.extend({
  data_type: z.string(),
  data_source: z.string(),
});

const guiActorRecord = baseRecord.extend({
  img_size: size,
  platform: z.string(),
  ui_type: z.string(),
  group: z.string(),
});

const ssproFormatRecord = baseRecord.extend({
  id: z.string().min(1),
  img_size: size,
  ui_type: z.string(),
});

/** Which of the three ScreenSpot-v2 schemas a record is in. */
export type ScreenSpotV2Schema = "original" | "gui-actor" | "sspro-format";

function detectSchema(record: unknown): ScreenSpotV2Schema {
  const fields = typeof record === "object" && record !== null ? (record as Record<string, unknown>) : {};
  if ("data_type" in fields) return "original";
  if ("id" in fields) return "sspro-format";
  return "gui-actor";
}

const splitPattern = /screenspot_(desktop|mobile|web)_v2/;

/** Loads ScreenSpot-v2: a folder holding `screenspot_{desktop,mobile,web}_v2*.json`, or one split file. */
export function loadScreenSpotV2(path: string): LoadedBenchmark {
  const files = annotationFiles(path, (name) => splitPattern.test(name));
  const items: EvalItem[] = [];
  const schemas = new Set<ScreenSpotV2Schema>();
  for (const file of files) {
    const split = splitPattern.exec(basename(file))?.[1];
    if (split === undefined) {
      throw new InvalidInputError("annotations", `${file}: the split (desktop, mobile, web) must be in the file name, as in screenspot_mobile_v2.json.`);
    }
    readJsonArray(file).forEach((raw, index) => {
      const schema = detectSchema(raw);
      schemas.add(schema);
      items.push(toItem(schema, raw, file, index, split));
    });
  }
  assertUniqueIds(items.map((item) => item.id), path);
  const notes = [`ScreenSpot-v2, ${files.length} file(s), schema ${[...schemas].join("+")}`];
  if (schemas.has("sspro-format")) notes.push("sspro-format files carry no data_source: the platform breakdown is empty");
  return { benchmark: "screenspot-v2", items, files, notes };
}

function toItem(schema: ScreenSpotV2Schema, raw: unknown, file: string, index: number, split: string): EvalItem {
  const fields = schemaFields(schema, raw, file, index);
  return {
    benchmark: "screenspot-v2",
    group: split,
    application: undefined,
    // Files without ids get `<split>_<index>`: stable, and unique although web holds one exact duplicate record.
    id: `${split}_${index}`,
    image: fields.image,
    instruction: fields.instruction,
    target: { kind: "box", ...fields.box },
    imageSize: fields.imageSize,
    platform: fields.platform,
    uiTypes: [fields.uiType],
  };
}

interface SchemaFields {
  readonly image: string;
  readonly instruction: string;
  readonly box: { x1: number; y1: number; x2: number; y2: number };
  readonly imageSize: readonly [number, number] | undefined;
  readonly platform: string | undefined;
  readonly uiType: string;
}

// What differs between the schemas: the box convention and which metadata survived.
function schemaFields(schema: ScreenSpotV2Schema, raw: unknown, file: string, index: number): SchemaFields {
  if (schema === "original") {
    const record = parseRecord(originalRecord, raw, file, index);
    const [x, y, w, h] = record.bbox;
    const box = { x1: x, y1: y, x2: x + w, y2: y + h };
    return { image: record.img_filename, instruction: record.instruction, box, imageSize: undefined, platform: record.data_source, uiType: record.data_type };
  }
  const record = schema === "gui-actor" ? parseRecord(guiActorRecord, raw, file, index) : parseRecord(ssproFormatRecord, raw, file, index);
  const [x1, y1, x2, y2] = record.bbox;
  const platform = "platform" in record ? record.platform : undefined;
  return { image: record.img_filename, instruction: record.instruction, box: { x1, y1, x2, y2 }, imageSize: record.img_size, platform, uiType: record.ui_type };
}
