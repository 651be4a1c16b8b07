import { InvalidInputError, throwIfAborted } from "../../core/errors.js";
import type { Grounder, LocatedPoint, LocateOptions, LocateResult } from "../../core/grounder.js";
import type { RgbImage } from "../../core/image.js";
import { tokenToPixel } from "../../grounding/decode/token-to-pixel.js";
import { preprocessImage } from "../../grounding/preprocess/preprocess-image.js";
import { PreprocessWorkspace } from "../../grounding/preprocess/preprocess-workspace.js";
import { buildPromptIds } from "../tokenizer/prompt-tokenizer.js";
import { MolmoPointModel, type GenerationTrace, type LoadMolmoPointOptions } from "./molmopoint-model.js";

/** Options of {@link createMolmoPointGrounder}. */
export interface MolmoPointGrounderOptions extends LoadMolmoPointOptions {
  /** Name in reports. Default the package's `name`. */
  readonly name?: string;
  /** Crop budget when a call does not pass one. Default the package's `preprocessing.defaultMaxCrops`. */
  readonly maxCrops?: number;
}

/** Options of one {@link MolmoPointGrounder.locate} call. */
export interface MolmoPointLocateOptions extends LocateOptions {
  /** Upper bound of generated ids. Default the package's `tokens.maxNewTokens`. */
  readonly maxNewTokens?: number;
}

/** {@link LocateResult} plus what the model emitted. */
export interface MolmoPointLocateResult extends LocateResult {
  /** Every id generated (extended vocabulary: text ids, then PATCH/NMP/SUBPATCH/LOCATION ids from `tokens.pointBase`). */
  readonly generatedIds: readonly number[];
  /** Why decoding stopped: `"max-points"`, `"no-more-points"`, `"eos"`, or `"max-new-tokens"`. */
  readonly stopReason: GenerationTrace["stopReason"];
  /** Original-image pixels per location cell (the pointing precision). */
  readonly pixelsPerCell: { readonly x: number; readonly y: number };
  /** Decoder calls after the prefill (a count; divide `timings.decode` by it for the time per step). */
  readonly decodeSteps: number;
}

/**
 * The {@link Grounder} of a MolmoPoint model package run by onnxruntime-node: Molmo2
 * pre-processing, the vision graph, the prompt of spec §2.8 (ids from the manifest, instruction
 * from the package tokenizer), a bidirectional-image prefill, and grounding-token decoding that
 * stops right after the last requested point's LOCATION or at no-more-points.
 */
export class MolmoPointGrounder implements Grounder {
  readonly name: string;
  private readonly defaultMaxCrops: number;
  /**
   * Reused pre-processing buffers: on this class of machine the first write to ~50 MB of fresh memory
   * costs more than the whole resize (bench/preprocess.bench.ts: 255 ms fresh vs 96 ms reused at
   * 1920×1080, 48 crops). The buffers are overwritten by the next call, so calls run one at a time.
   */
  private readonly workspace = new PreprocessWorkspace();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly model: MolmoPointModel,
    options: { name?: string; maxCrops?: number } = {},
  ) {
    this.name = options.name ?? model.manifest.name;
    this.defaultMaxCrops = options.maxCrops ?? model.manifest.preprocessing.defaultMaxCrops;
  }

  /**
   * Points at what `instruction` names in `image`.
   *
   * Options: `maxCrops` (default: the grounder's, i.e. the package's `defaultMaxCrops`),
   * `maxPoints` (default 1), `maxNewTokens` (default the package's), `signal` (checked before
   * each stage and between decode steps).
   *
   * `notFound` is true when no point came out: the model answered no-more-points first (the
   * usual case), or ended the answer (EOS) or the token budget without pointing (`stopReason`
   * tells which). Points are in `image` pixels, with `confidence` = product of the chosen
   * patch, subpatch and location softmax probabilities. `timings` holds milliseconds for
   * `preprocess`, `vision`, `prefill`, `decode` (all steps) and `total` — milliseconds only, as the
   * Grounder contract says; the number of decode steps is `decodeSteps`.
   *
   * @throws InvalidInputError for an empty instruction or a bad image/option; AbortError when cancelled.
   */
  locate(image: RgbImage, instruction: string, options: MolmoPointLocateOptions = {}): Promise<MolmoPointLocateResult> {
    // One call at a time: they share the workspace (and the two CPU cores gain nothing from overlap).
    const result = this.queue.then(() => this.locateNow(image, instruction, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async locateNow(image: RgbImage, instruction: string, options: MolmoPointLocateOptions): Promise<MolmoPointLocateResult> {
    const started = performance.now();
    if (typeof instruction !== "string" || instruction.trim().length === 0) {
      throw new InvalidInputError("instruction", "the instruction is empty; say what to point at, e.g. \"Save button\".");
    }
    const maxPoints = options.maxPoints ?? 1;
    if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new InvalidInputError("maxPoints", `maxPoints must be a positive integer, got ${String(options.maxPoints)}.`);
    throwIfAborted(options.signal);
    const { manifest } = this.model;
    const { tokens } = manifest;
    const preprocessed = preprocessImage(image, {
      maxCrops: options.maxCrops ?? this.defaultMaxCrops,
      workspace: this.workspace,
      tokenIds: {
        imageStart: tokens.imStart,
        imageEnd: tokens.imEnd,
        imagePatch: tokens.imPatch,
        imageColumn: tokens.imCol,
        lowResImageStart: tokens.lowResImStart,
        imageLow: tokens.imLow,
      },
    });
    const prompt = buildPromptIds(tokens, preprocessed.imageTokenIds, this.model.tokenizer.encode(instruction));
    const preprocessMs = performance.now() - started;

    const trace = await this.model.generate(
      { pixelValues: preprocessed.pixelValues, crops: preprocessed.crops, pooling: preprocessed.pooling },
      prompt.ids,
      prompt.tokenTypes,
      { maxPoints, maxNewTokens: options.maxNewTokens, signal: options.signal },
    );
    const grid = { width: image.width, height: image.height, gridWidth: preprocessed.gridWidth, gridHeight: preprocessed.gridHeight };
    const points: LocatedPoint[] = [];
    for (const point of trace.points) {
      const pixel = tokenToPixel(point, grid);
      // Upstream drops points whose (patch, subpatch) is not in the canvas mapping (padding slots); so do we.
      if (pixel === null) continue;
      points.push({ x: pixel.x, y: pixel.y, confidence: point.confidence, tokens: { patch: point.patch, subpatch: point.subpatch, location: point.location } });
    }
    return {
      points,
      notFound: points.length === 0,
      generatedIds: trace.generatedIds,
      stopReason: trace.stopReason,
      pixelsPerCell: { x: preprocessed.pxPerCellX, y: preprocessed.pxPerCellY },
      decodeSteps: trace.timings.decodeSteps,
      timings: {
        preprocess: preprocessMs,
        vision: trace.timings.vision,
        prefill: trace.timings.prefill,
        decode: trace.timings.decode,
        total: performance.now() - started,
      },
    };
  }

  /** Releases the model's sessions. Safe to call twice. */
  dispose(): Promise<void> {
    return this.model.dispose();
  }
}

/**
 * Loads a model package folder (verifying every file's SHA-256 by default) and returns its grounder.
 *
 * Options: `device` (`"cpu"` default, `"cuda"`), `intraOpThreads` (default: number of cores),
 * `check` (`"sha256"` default, or `"size"`), `maxCrops` (default the package's), `name`.
 *
 * @throws ModelLoadError naming the file at fault (missing, changed, another format version, a CUDA request that cannot be served).
 */
export async function createMolmoPointGrounder(directory: string, options: MolmoPointGrounderOptions = {}): Promise<MolmoPointGrounder> {
  const model = await MolmoPointModel.load(directory, options);
  return new MolmoPointGrounder(model, { name: options.name, maxCrops: options.maxCrops });
}
