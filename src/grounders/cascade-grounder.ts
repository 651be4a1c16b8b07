import { InvalidInputError, throwIfAborted } from "../core/errors.js";
import type { Grounder, LocateOptions, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";

/** One stage of a cascade: a grounder and the confidence from which its answer is taken. */
export interface CascadeStage {
  readonly grounder: Grounder;
  /**
   * The stage's answer is taken when its best point's confidence is at least this (0..1); otherwise
   * (or when it answers not-found) the next stage runs. Ignored for the last stage, whose answer,
   * not-found included, is final. Default 0: any point is taken.
   */
  readonly minConfidence?: number;
}

/** Options of {@link createCascadeGrounder}. */
export interface CascadeGrounderOptions {
  /** Tried in order; at least one. */
  readonly stages: readonly (Grounder | CascadeStage)[];
  /** Shown in results and reports. Default: the stages' names joined by `+`. */
  readonly name?: string;
  /** Dispose the stages' grounders when the cascade is disposed. Default true. */
  readonly ownsGrounders?: boolean;
}

/**
 * A grounder that asks its stages in order and returns the first confident answer: e.g. the OCR
 * grounder first (fast and exact when the instruction quotes visible text), then a model for
 * everything OCR cannot point at (icons, functions, relations). The result's timings carry each stage
 * that ran, prefixed with its position and name (`0.ocr.total`, `1.molmopoint-nano.vision`, …), so a
 * report shows which stage answered: the last prefix present.
 */
export class CascadeGrounder implements Grounder {
  readonly name: string;
  private disposed = false;

  private constructor(
    private readonly stages: readonly Required<CascadeStage>[],
    name: string,
    private readonly ownsGrounders: boolean,
  ) {
    this.name = name;
  }

  /** Validates the stages; see {@link CascadeGrounderOptions}. */
  static create(options: CascadeGrounderOptions): CascadeGrounder {
    if (options.stages.length === 0) {
      throw new InvalidInputError("stages", "A cascade needs at least one grounder in `stages`.");
    }
    const stages = options.stages.map((stage, index) => {
      const resolved = "grounder" in stage ? stage : { grounder: stage };
      const minConfidence = resolved.minConfidence ?? 0;
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw new InvalidInputError(`stages[${index}].minConfidence`, `minConfidence must be between 0 and 1, got ${minConfidence}.`);
      }
      return { grounder: resolved.grounder, minConfidence };
    });
    const name = options.name ?? stages.map((stage) => stage.grounder.name).join("+");
    return new CascadeGrounder(stages, name, options.ownsGrounders ?? true);
  }

  /** Asks each stage in turn; returns the first answer whose best point is confident enough, else the last stage's. */
  async locate(image: RgbImage, instruction: string, options: LocateOptions = {}): Promise<LocateResult> {
    if (this.disposed) throw new InvalidInputError("this", "This CascadeGrounder was disposed; create a new one.");
    const started = performance.now();
    const timings: Record<string, number> = {};
    const last = this.stages.length - 1;
    for (let index = 0; ; index += 1) {
      const stage = this.stages[index]!;
      throwIfAborted(options.signal);
      const result = await stage.grounder.locate(image, instruction, options);
      for (const [key, ms] of Object.entries(result.timings)) timings[`${index}.${stage.grounder.name}.${key}`] = ms;
      const confident = !result.notFound && result.points.some((point) => point.confidence >= stage.minConfidence);
      if (index === last || confident) {
        return { points: result.points, notFound: result.notFound, timings: { ...timings, total: performance.now() - started } };
      }
    }
  }

  /** Disposes the stages' grounders when the cascade owns them. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.ownsGrounders) return;
    for (const stage of this.stages) await stage.grounder.dispose?.();
  }
}

/** Creates a {@link CascadeGrounder}. */
export function createCascadeGrounder(options: CascadeGrounderOptions): CascadeGrounder {
  return CascadeGrounder.create(options);
}
