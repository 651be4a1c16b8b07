/**
 * A loaded MolmoPoint model package: sessions, embedding table, point-head weights, tokenizer, and
 * the generation loop (prefill with the bidirectional image mask, then one decoder call per token
 * driven by the grounding core's {@link PointDecoder}, KV cache carried between calls).
 */
import type * as ort from "onnxruntime-node";
import { InvalidInputError, ModelLoadError, throwIfAborted } from "../../core/errors.js";
import type { ExtendedScores } from "../../grounding/decode/grounding-grammar.js";
import { PointDecoder, type DecodedPoint, type DecodeStep } from "../../grounding/decode/point-decoder.js";
import type { PointHeadConfig } from "../../grounding/decode/point-head-config.js";
import type { PointHeadWeights } from "../../grounding/decode/point-head.js";
import { loadModelPackage, type ModelPackage, type PackageCheck } from "../model-package/load-model-package.js";
import type { ModelManifest } from "../model-package/model-manifest.js";
import { createGraphSession, type SessionOptions } from "../sessions/onnx-session.js";
import { loadTextTokenizer, type TextTokenizer } from "../tokenizer/prompt-tokenizer.js";
import { disposeCache, emptyCache, prefillMask, runDecoder, runVision, type VisionOutputs } from "./graph-runner.js";
import { loadEmbeddingTable, loadPointHeadWeights, pointHeadConfigFromManifest, type EmbeddingTable } from "./package-weights.js";

/** Options of {@link MolmoPointModel.load}. */
export interface LoadMolmoPointOptions extends SessionOptions {
  /** How the package files are checked before use. Default `"sha256"` (see `loadModelPackage`). */
  readonly check?: PackageCheck;
  readonly signal?: AbortSignal;
}

/** One decode step as seen by {@link GenerateOptions.onStep} (tests compare these with references). */
export interface GenerationStepRecord {
  /** 0 for the step on the prefill's outputs. */
  readonly step: number;
  /** The plain LM logits `[vocabRows]` of the forward, copied before the decoder edited them. */
  readonly textLogits: Float32Array;
  /** The forward's pre-final-norm state at its last position `[hidden]` (null at step 0: the prefill's is in {@link GenerationTrace}). */
  readonly hidden: Float32Array | null;
  readonly result: DecodeStep;
}

/** Options of {@link MolmoPointModel.generate}. */
export interface GenerateOptions {
  /** Stop after this many points. Default 1. */
  readonly maxPoints?: number;
  /** Upper bound of generated ids. Default the manifest's `tokens.maxNewTokens`. */
  readonly maxNewTokens?: number;
  /** Picks the next id from the grammar-processed scores. Default greedy. */
  readonly choose?: (scores: ExtendedScores, generated: readonly number[]) => number;
  /** Called after each step, with a copy of the step's plain logits. */
  readonly onStep?: (record: GenerationStepRecord) => void;
  /** Checked before vision, prefill and every decode step. */
  readonly signal?: AbortSignal;
  /**
   * `"point"` (default): stop right after the `maxPoints`-th LOCATION, at no-more-points or EOS.
   * `"eos"`: decode like upstream `generate`, until EOS or `maxNewTokens` (the answer's label
   * text follows the points; references with a fixed budget are compared this way).
   */
  readonly stopAt?: "point" | "eos";
  /** Also fetch the vision graph's `vit_features` (for stage-by-stage tests). Default false. */
  readonly keepVitFeatures?: boolean;
}

/** Everything a generation produced, intermediate tensors included. */
export interface GenerationTrace {
  readonly vision: VisionOutputs;
  /** `[S, hidden]` prefill input embeddings. */
  readonly prefillEmbeddings: Float32Array;
  /** `[S, hidden]` pre-final-norm states of the prefill. */
  readonly prefillHidden: Float32Array;
  /** `[vocabRows]` plain logits at the last prompt position. */
  readonly prefillLogits: Float32Array;
  readonly decoder: PointDecoder;
  readonly generatedIds: readonly number[];
  readonly points: readonly DecodedPoint[];
  /** `"eos"`, `"no-more-points"`, `"max-points"`, or `"max-new-tokens"` when the budget ran out first. */
  readonly stopReason: DecodeStep["stopReason"] | "max-new-tokens";
  /** Milliseconds: vision, prefill, decode (all steps), and the number of decoder calls after the prefill. */
  readonly timings: { readonly vision: number; readonly prefill: number; readonly decode: number; readonly decodeSteps: number };
}

/** The image inputs of one generation (what `preprocessImage` returns, or golden arrays). */
export interface ImageInputs {
  /** `[crops, 729, 588]` normalised patches. */
  readonly pixelValues: Float32Array;
  readonly crops: number;
  /** `[N, 4]` pooling table, -1 = padding. */
  readonly pooling: Int32Array;
}

function checkPreprocessing(manifest: ModelManifest): void {
  const p = manifest.preprocessing;
  const supported =
    p.cropSize === 378 && p.patchSize === 14 && p.overlapMargins[0] === 4 && p.overlapMargins[1] === 4 && p.pooling[0] === 2 && p.pooling[1] === 2 &&
    p.mean.every((value) => value === 0.5) && p.std.every((value) => value === 0.5) && p.resize === "bilinear_uint8_no_antialias" &&
    manifest.architecture.pointHead.subpatches === 4 && manifest.architecture.pointHead.locations === 9 && manifest.architecture.pointHead.noMorePointsClass;
  if (!supported) {
    throw new ModelLoadError(
      "manifest.json asks for pre-processing this runtime does not implement (it implements Molmo2's: 378 px crops, 14 px patches, margins 4/4, 2x2 pooling, mean=std=0.5, uint8 bilinear resize, 4 subpatches x 9 locations with no-more-points).",
      { file: "manifest.json" },
    );
  }
}

/** A loaded package, ready to generate. Call {@link dispose} when done. */
export class MolmoPointModel {
  private disposed = false;

  private constructor(
    readonly modelPackage: ModelPackage,
    readonly pointHeadConfig: PointHeadConfig,
    readonly pointHeadWeights: PointHeadWeights,
    readonly embeddings: EmbeddingTable,
    readonly tokenizer: TextTokenizer,
    private readonly vision: ort.InferenceSession,
    private readonly decoderSession: ort.InferenceSession,
    /** Milliseconds spent in {@link load}. */
    readonly loadMilliseconds: number,
  ) {}

  get manifest(): ModelManifest {
    return this.modelPackage.manifest;
  }

  /**
   * Verifies and loads a package folder: manifest, file checks, embedding table, point-head
   * weights, tokenizer, and both sessions (CPU by default).
   *
   * @throws ModelLoadError naming the file at fault.
   */
  static async load(directory: string, options: LoadMolmoPointOptions = {}): Promise<MolmoPointModel> {
    const started = performance.now();
    const modelPackage = await loadModelPackage(directory, { check: options.check, signal: options.signal });
    const { manifest } = modelPackage;
    checkPreprocessing(manifest);
    let config: PointHeadConfig;
    try {
      config = pointHeadConfigFromManifest(manifest);
    } catch (error) {
      throw new ModelLoadError(`manifest.json: ${(error as Error).message}`, { file: "manifest.json", cause: error });
    }
    const weights = await loadPointHeadWeights(modelPackage, config);
    const embeddings = await loadEmbeddingTable(modelPackage);
    const tokenizer = await loadTextTokenizer(modelPackage);
    throwIfAborted(options.signal);
    const vision = await createGraphSession(modelPackage, "vision", options);
    let decoder: ort.InferenceSession;
    try {
      decoder = await createGraphSession(modelPackage, "decoder", options);
    } catch (error) {
      await vision.release();
      throw error;
    }
    return new MolmoPointModel(modelPackage, config, weights, embeddings, tokenizer, vision, decoder, performance.now() - started);
  }

  /** Runs the vision graph alone. */
  encodeImage(image: ImageInputs, options: { vitFeatures?: boolean } = {}): Promise<VisionOutputs> {
    this.assertOpen();
    return runVision(this.vision, this.manifest, image.pixelValues, image.crops, image.pooling, options);
  }

  /**
   * Prefill input embeddings: the table row of every prompt id (`<im_low>` read from the
   * `<im_patch>` row when the manifest says `imLowEmbedding: "im_patch"`), plus the k-th row of
   * `imageFeatures` at the k-th `<im_low>`/`<im_patch>` token.
   */
  prefillEmbeddings(promptIds: Int32Array, imageFeatures: Float32Array): { embeddings: Float32Array; imageTokenPositions: Int32Array; indexable: Uint8Array } {
    const { tokens } = this.manifest;
    const hidden = this.embeddings.hidden;
    const ownImLow = this.manifest.architecture.pointHead.imLowEmbedding === "own";
    const embeddings = new Float32Array(promptIds.length * hidden);
    const positions: number[] = [];
    const indexable: number[] = [];
    for (let index = 0; index < promptIds.length; index++) {
      const id = promptIds[index]!;
      const isImage = id === tokens.imLow || id === tokens.imPatch;
      embeddings.set(this.embeddings.row(id === tokens.imLow && !ownImLow ? tokens.imPatch : id), index * hidden);
      if (!isImage) continue;
      const feature = positions.length * hidden;
      if (feature + hidden > imageFeatures.length) throw new InvalidInputError("promptIds", `The prompt has more image tokens than the pooling table has rows (${imageFeatures.length / hidden}); build both from one preprocessImage result.`);
      for (let dim = 0; dim < hidden; dim++) embeddings[index * hidden + dim] = Math.fround(embeddings[index * hidden + dim]! + imageFeatures[feature + dim]!);
      positions.push(index);
      indexable.push(id === tokens.imPatch ? 1 : 0);
    }
    if (positions.length * hidden !== imageFeatures.length) {
      throw new InvalidInputError("promptIds", `The prompt has ${positions.length} image tokens but the pooling table has ${imageFeatures.length / hidden} rows; build both from one preprocessImage result.`);
    }
    return { embeddings, imageTokenPositions: Int32Array.from(positions), indexable: Uint8Array.from(indexable) };
  }

  /**
   * Vision → embeddings → prefill → decode loop. Stops when the {@link PointDecoder} is done (EOS,
   * no-more-points, or the `maxPoints`-th LOCATION) or after `maxNewTokens` ids.
   *
   * @throws AbortError when `signal` fires (checked between steps).
   */
  async generate(image: ImageInputs, promptIds: Int32Array, tokenTypes: Uint8Array, options: GenerateOptions = {}): Promise<GenerationTrace> {
    this.assertOpen();
    const { signal } = options;
    const hidden = this.embeddings.hidden;
    const maxNewTokens = options.maxNewTokens ?? this.manifest.tokens.maxNewTokens;
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new InvalidInputError("maxNewTokens", `maxNewTokens must be a positive integer, got ${String(options.maxNewTokens)}.`);
    if (tokenTypes.length !== promptIds.length) throw new InvalidInputError("tokenTypes", `tokenTypes has ${tokenTypes.length} entries for ${promptIds.length} prompt ids.`);
    throwIfAborted(signal);
    let started = performance.now();
    const vision = await this.encodeImage(image, { vitFeatures: options.keepVitFeatures });
    const visionMs = performance.now() - started;

    throwIfAborted(signal);
    started = performance.now();
    const { embeddings, imageTokenPositions, indexable } = this.prefillEmbeddings(promptIds, vision.imageFeatures);
    let outputs = await runDecoder(this.decoderSession, this.manifest, embeddings, emptyCache(this.manifest), prefillMask(tokenTypes));
    const prefillHidden = outputs.hiddenPre;
    const prefillLogits = Float32Array.from(outputs.logits);
    const imageHidden = new Float32Array(imageTokenPositions.length * hidden);
    imageTokenPositions.forEach((position, row) => imageHidden.set(prefillHidden.subarray(position * hidden, (position + 1) * hidden), row * hidden));
    const decoder = new PointDecoder({
      config: this.pointHeadConfig,
      weights: this.pointHeadWeights,
      pooling: image.pooling,
      indexable,
      imageHidden,
      imageFeatures0: vision.imageFeatures,
      vitFeatures: vision.gatheredVitFeatures,
      maxPoints: options.maxPoints ?? 1,
    });
    const prefillMs = performance.now() - started;

    started = performance.now();
    let textLogits = outputs.logits;
    let stepHidden: Float32Array | null = null;
    let stopReason: GenerationTrace["stopReason"] = "max-new-tokens";
    let decodeSteps = 0;
    try {
      for (let step = 0; step < maxNewTokens; step++) {
        throwIfAborted(signal);
        const copy = options.onStep ? Float32Array.from(textLogits) : undefined;
        const choose = options.choose;
        const result = decoder.step(textLogits, stepHidden, choose ? { choose: (scores) => choose(scores, decoder.generatedIds) } : {});
        if (copy) options.onStep?.({ step, textLogits: copy, hidden: stepHidden, result });
        if (options.stopAt === "eos" ? result.tokenId === this.manifest.tokens.eos : result.done) {
          stopReason = options.stopAt === "eos" ? "eos" : result.stopReason;
          break;
        }
        if (step === maxNewTokens - 1) break;
        const next = decoder.nextInputEmbedding(result.next, (tokenId) => this.embeddings.row(tokenId));
        outputs = await runDecoder(this.decoderSession, this.manifest, next, outputs.cache);
        decodeSteps++;
        textLogits = outputs.logits;
        stepHidden = outputs.hiddenPre.subarray(0, hidden);
      }
    } finally {
      disposeCache(outputs.cache);
    }
    return {
      vision,
      prefillEmbeddings: embeddings,
      prefillHidden,
      prefillLogits,
      decoder,
      generatedIds: [...decoder.generatedIds],
      points: [...decoder.points],
      stopReason,
      timings: { vision: visionMs, prefill: prefillMs, decode: performance.now() - started, decodeSteps },
    };
  }

  private assertOpen(): void {
    if (this.disposed) throw new ModelLoadError("This MolmoPointModel was disposed; load the package again.");
  }

  /** Releases both sessions. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.vision.release();
    await this.decoderSession.release();
  }
}
