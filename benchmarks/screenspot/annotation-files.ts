/**
 * Reading annotation files: JSON arrays and JSONL, with errors that name the file and the record.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { z } from "zod";
import { InvalidInputError } from "../../src/core/errors.js";

/** Reads a JSON file that must hold an array of records. */
export function readJsonArray(file: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InvalidInputError("annotations", `Cannot read ${file} as JSON: ${(error as Error).message}. Pass the official annotation file.`, { cause: error });
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidInputError("annotations", `${file} holds a JSON ${typeof parsed}, not an array of records; pass the official annotation file.`);
  }
  return parsed;
}

/** Reads a JSONL file: one JSON object a line; blank lines are skipped. */
export function readJsonLines(file: string): unknown[] {
  const records: unknown[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new InvalidInputError("annotations", `${file}:${index + 1} is not valid JSON: ${(error as Error).message}.`, { cause: error });
    }
  });
  return records;
}

/** Validates one record, naming the file and position when it does not fit the schema. */
export function parseRecord<T>(schema: z.ZodType<T>, record: unknown, file: string, index: number): T {
  const result = schema.safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join(".")}"` : "";
    throw new InvalidInputError(
      "annotations",
      `${basename(file)} record ${index}: ${issue?.message ?? "invalid"}${where}. Is this the right --benchmark for this file?`,
    );
  }
  return result.data;
}

/**
 * The JSON files a path stands for: the file itself, or the `*.json` files directly in a folder whose
 * names pass `accept`, sorted by name.
 */
export function annotationFiles(path: string, accept: (name: string) => boolean = () => true): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new InvalidInputError("annotations", `--annotations ${path} does not exist.`, { cause: error });
  }
  if (!isDirectory) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith(".json") && accept(name))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) {
    throw new InvalidInputError("annotations", `No annotation files in ${path}; pass the folder that holds the official JSON files, or one of them.`);
  }
  return files;
}

/** Throws when two items share an id (the predictions file is keyed by id). */
export function assertUniqueIds(ids: readonly string[], source: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new InvalidInputError("annotations", `Item id "${id}" occurs twice in ${source}; ids must be unique to resume a run.`);
    }
    seen.add(id);
  }
}
