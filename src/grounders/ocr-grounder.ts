import { InvalidInputError, throwIfAborted } from "../core/errors.js";
import type { Grounder, LocateOptions, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";
import { OcrEngine, type OcrEngineOptions } from "../runtime/ocr/ocr-engine.js";
import { groundInWords } from "./ground-words.js";

/** Options of `createOcrGrounder`. */
export interface OcrGrounderOptions extends OcrEngineOptions {
  /** An engine to share (its cache too); the grounder then does not dispose it. Default: a new engine. */
  engine?: OcrEngine;
  /**
   * Points whose confidence (text match score × reading confidence) is below this are dropped; with
   * none left the answer is not-found. Default 0.75: on a rendered page (bench/ocr-grounder-threshold.ts)
   * it keeps 97.7 % of the hits on present targets and rejects every absent one; 0.6 lets a fifth through.
   */
  minScore?: number;
}

/**
 * The OCR text grounder: reads the screen's words with `OcrEngine` and points at the words that
 * read like the instruction's target (normalised, fuzzy, partial, phrase over neighbouring words).
 * No learned model; a baseline and a fast fallback. It cannot find icons or follow relations.
 */
export class OcrGrounder implements Grounder {
  readonly name = "ocr";
  private disposed = false;

  private constructor(
    /** The engine that reads the screens. */
    readonly engine: OcrEngine,
    private readonly ownsEngine: boolean,
    private readonly minScore: number,
  ) {}

  /** Creates a grounder, loading the OCR models unless `options.engine` is given. */
  static async create(options: OcrGrounderOptions = {}): Promise<OcrGrounder> {
    const minScore = options.minScore ?? 0.75;
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new InvalidInputError("minScore", `minScore must be between 0 and 1, got ${minScore}.`);
    }
    const engine = options.engine ?? (await OcrEngine.create(options));
    return new OcrGrounder(engine, options.engine === undefined, minScore);
  }

  /** Points at the words that read like the instruction's target, or answers not-found. */
  async locate(image: RgbImage, instruction: string, options: LocateOptions = {}): Promise<LocateResult> {
    if (this.disposed) throw new InvalidInputError("this", "This OcrGrounder was disposed; create a new one.");
    if (typeof instruction !== "string" || instruction.trim() === "") {
      throw new InvalidInputError("instruction", 'The instruction is empty; say what to point at, e.g. "the Save button".');
    }
    const maxPoints = options.maxPoints ?? 1;
    if (!Number.isInteger(maxPoints) || maxPoints < 1) {
      throw new InvalidInputError("maxPoints", `maxPoints must be a whole number ≥ 1, got ${maxPoints}.`);
    }
    throwIfAborted(options.signal);
    const started = performance.now();
    const reading = await this.engine.read(image, options.signal === undefined ? {} : { signal: options.signal });
    const matchStart = performance.now();
    const points = groundInWords(instruction, reading.words, {
      maxPoints,
      minScore: this.minScore,
      screen: { width: image.width, height: image.height },
      image,
    });
    const finished = performance.now();
    return {
      points,
      notFound: points.length === 0,
      timings: {
        ...Object.fromEntries(Object.entries(reading.timings).map(([stage, ms]) => [`ocr.${stage}`, ms])),
        ocr: matchStart - started,
        match: finished - matchStart,
        total: finished - started,
      },
    };
  }

  /** Releases the OCR sessions when this grounder created them. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.ownsEngine) await this.engine.dispose();
  }
}

/** Creates the OCR text grounder (see `OcrGrounder`). */
export function createOcrGrounder(options: OcrGrounderOptions = {}): Promise<OcrGrounder> {
  return OcrGrounder.create(options);
}
