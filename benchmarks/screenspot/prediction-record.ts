/**
 * The predictions file: one JSON object a line, appended as items finish, keyed by item id. It is the
 * run's only state: a restarted run reads it and skips every id already in it.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";

const pointSchema = z.object({ x: z.number(), y: z.number(), confidence: z.number().optional() });

const predictionRecordSchema = z.object({
  id: z.string(),
  points: z.array(pointSchema),
  notFound: z.boolean(),
  timings: z.record(z.string(), z.number()),
  /** Size of the decoded image. */
  imageWidth: z.number(),
  imageHeight: z.number(),
  /** Milliseconds the worker spent decoding the image (0 when it was reused from the previous item). */
  loadMs: z.number(),
  /** Wall-clock milliseconds of the `locate` call. */
  locateMs: z.number(),
  /** Set when the grounder failed or timed out on this item; the item counts as wrong. */
  error: z.string().optional(),
  errorCode: z.string().optional(),
});

/** One line of the predictions file. */
export type PredictionRecord = z.infer<typeof predictionRecordSchema>;

/** What was recovered from an existing predictions file. */
export interface ReadPredictions {
  readonly records: Map<string, PredictionRecord>;
  /** Lines that could not be parsed (a run killed mid-write leaves at most one, at the end). */
  readonly droppedLines: number;
}

/**
 * Reads a predictions file, keeping the last record for each id. Unreadable lines are dropped and the
 * file is rewritten without them, so that appending again yields a clean file.
 */
export function readPredictions(file: string): ReadPredictions {
  const records = new Map<string, PredictionRecord>();
  if (!existsSync(file)) return { records, droppedLines: 0 };
  const text = readFileSync(file, "utf8");
  const kept: string[] = [];
  let droppedLines = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      droppedLines += 1;
      continue;
    }
    const result = predictionRecordSchema.safeParse(parsed);
    if (!result.success) {
      droppedLines += 1;
      continue;
    }
    records.set(result.data.id, result.data);
    kept.push(line);
  }
  if (droppedLines > 0 || (text.length > 0 && !text.endsWith("\n"))) {
    writeFileSync(file, kept.length > 0 ? `${kept.join("\n")}\n` : "");
  }
  return { records, droppedLines };
}

/** Appends one record as one line (a single write, so a kill leaves at most one partial line). */
export function appendPrediction(file: string, record: PredictionRecord): void {
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
