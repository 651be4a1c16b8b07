/**
 * The verified locate cache. An entry remembers, for one instruction on one kind of screen, where
 * the target was and what the pixels around it looked like. A later locate on a similar screen
 * (same size, close fingerprint) is answered from the entry only if the stored patch still matches
 * the screen at the same place (normalised cross-correlation); otherwise the grounder runs again
 * and the entry is replaced. A cache hit therefore never clicks where the element no longer is.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InvalidInputError } from "../core/errors.js";
import type { ImagePoint, RgbImage } from "../core/image.js";
import { comparePatches, fingerprintDistance, grayPatch, screenFingerprint, windowAround } from "./pixels.js";

/** `read-write`: use and update entries; `read-only`: use, never write; `off`: no cache. */
export type CacheStrategy = "read-write" | "read-only" | "off";

const strategies: readonly CacheStrategy[] = ["read-write", "read-only", "off"];

/** One remembered locate. */
export interface CacheEntry {
  readonly instruction: string;
  /** Screenshot size the entry was made on. */
  readonly width: number;
  readonly height: number;
  /** {@link screenFingerprint} of that screenshot. */
  readonly fingerprint: string;
  /** Located point, image px. */
  readonly point: ImagePoint;
  readonly confidence: number;
  readonly matchedText?: string;
  readonly grounder: string;
  /** Grayscale pixels around the point: top-left corner, size, base64 bytes. */
  readonly patch: { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly data: string };
  readonly createdAt: string;
}

/** Options of {@link LocateCache}. */
export interface LocateCacheOptions {
  /** Default `read-write`. */
  strategy?: CacheStrategy;
  /** JSON file to load from (if it exists) and save to on every write. Default: memory only. */
  file?: string;
  /** Side of the verification patch, image px. Default 40 (a button's text and edges). */
  patchSize?: number;
  /** Correlation the patch must reach to be trusted, -1..1. Default 0.9. */
  minCorrelation?: number;
  /**
   * How far (sum of 8 × 8 cell differences, 16 levels each) a screen's fingerprint may be from the
   * entry's to try the entry at all. Default 24: a moved button or typed text stays within it, another
   * page does not. The patch check decides; this only keeps lookups cheap and relevant.
   */
  maxFingerprintDistance?: number;
  /** Entries kept per instruction and screen size; the oldest go first. Default 8. */
  maxEntriesPerInstruction?: number;
}

/** What a lookup found. */
export interface CacheLookup {
  /** The verified entry, or undefined on a miss. */
  readonly entry: CacheEntry | undefined;
  /** `no-entry`, `patch-mismatch`, `off`, or undefined on a hit. */
  readonly reason: string | undefined;
  /** Correlation of the best candidate patch, when one was checked. */
  readonly correlation: number | undefined;
}

interface CacheFile {
  readonly version: 1;
  readonly entries: CacheEntry[];
}

/**
 * A locate cache, in memory and optionally persisted to a JSON file. Share one instance between
 * agents to share entries.
 */
export class LocateCache {
  readonly strategy: CacheStrategy;
  readonly file: string | undefined;
  private readonly patchSize: number;
  private readonly minCorrelation: number;
  private readonly maxFingerprintDistance: number;
  private readonly maxEntriesPerInstruction: number;
  private readonly entries = new Map<string, CacheEntry[]>();

  constructor(options: LocateCacheOptions = {}) {
    const strategy = options.strategy ?? "read-write";
    if (!strategies.includes(strategy)) {
      throw new InvalidInputError("cache.strategy", `cache strategy must be one of ${strategies.join(", ")}, got ${JSON.stringify(strategy)}.`);
    }
    this.strategy = strategy;
    this.file = options.file;
    this.patchSize = options.patchSize ?? 40;
    this.minCorrelation = options.minCorrelation ?? 0.9;
    this.maxFingerprintDistance = options.maxFingerprintDistance ?? 24;
    this.maxEntriesPerInstruction = options.maxEntriesPerInstruction ?? 8;
    if (this.file !== undefined && strategy !== "off") this.load(this.file);
  }

  /** Number of entries held. */
  get size(): number {
    let count = 0;
    for (const list of this.entries.values()) count += list.length;
    return count;
  }

  /** Every entry, oldest first per instruction. */
  list(): CacheEntry[] {
    return [...this.entries.values()].flat();
  }

  /**
   * Finds the entry for `instruction` on the screen most like `image` and verifies its patch
   * against the screen at the same place. `fingerprint` may be passed when already computed.
   */
  lookup(instruction: string, image: RgbImage, fingerprint = screenFingerprint(image)): CacheLookup {
    if (this.strategy === "off") return { entry: undefined, reason: "off", correlation: undefined };
    const candidates = (this.entries.get(keyOf(instruction, image.width, image.height)) ?? [])
      .map((entry) => ({ entry, distance: fingerprintDistance(entry.fingerprint, fingerprint) }))
      .filter((candidate) => candidate.distance <= this.maxFingerprintDistance)
      .sort((a, b) => a.distance - b.distance);
    if (candidates.length === 0) return { entry: undefined, reason: "no-entry", correlation: undefined };
    let best: number | undefined;
    for (const { entry } of candidates) {
      const stored = entry.patch;
      const current = grayPatch(image, { x1: stored.x, y1: stored.y, x2: stored.x + stored.width - 1, y2: stored.y + stored.height - 1 });
      const { correlation } = comparePatches(Buffer.from(stored.data, "base64"), current.data);
      if (correlation >= this.minCorrelation) return { entry, reason: undefined, correlation };
      if (best === undefined || correlation > best) best = correlation;
    }
    return { entry: undefined, reason: "patch-mismatch", correlation: best };
  }

  /**
   * Remembers a located point on `image` (only under `read-write`); replaces the entries of the same
   * instruction whose fingerprint is within reach, and saves the file when there is one.
   * @returns whether the entry was written
   */
  store(
    instruction: string,
    image: RgbImage,
    point: { x: number; y: number; confidence: number; matchedText?: string },
    grounder: string,
    fingerprint = screenFingerprint(image),
  ): boolean {
    if (this.strategy !== "read-write") return false;
    const patch = grayPatch(image, windowAround(point, this.patchSize, image));
    const entry: CacheEntry = {
      instruction,
      width: image.width,
      height: image.height,
      fingerprint,
      point: { x: point.x, y: point.y },
      confidence: point.confidence,
      ...(point.matchedText === undefined ? {} : { matchedText: point.matchedText }),
      grounder,
      patch: { x: patch.x, y: patch.y, width: patch.width, height: patch.height, data: Buffer.from(patch.data).toString("base64") },
      createdAt: new Date().toISOString(),
    };
    const key = keyOf(instruction, image.width, image.height);
    const kept = (this.entries.get(key) ?? []).filter(
      (existing) => fingerprintDistance(existing.fingerprint, fingerprint) > this.maxFingerprintDistance,
    );
    kept.push(entry);
    this.entries.set(key, kept.slice(-this.maxEntriesPerInstruction));
    if (this.file !== undefined) this.save(this.file);
    return true;
  }

  /** Forgets every entry (the file, if any, is rewritten empty under `read-write`). */
  clear(): void {
    this.entries.clear();
    if (this.file !== undefined && this.strategy === "read-write") this.save(this.file);
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(text) as CacheFile;
    } catch (error) {
      throw new InvalidInputError("cache.file", `the cache file ${file} is not valid JSON; delete it to start a new cache.`, { cause: error });
    }
    if (parsed.version !== 1 || !Array.isArray(parsed.entries)) {
      throw new InvalidInputError("cache.file", `the cache file ${file} is not a groundpoint cache (version 1); delete it to start a new cache.`);
    }
    for (const entry of parsed.entries) {
      const key = keyOf(entry.instruction, entry.width, entry.height);
      const list = this.entries.get(key) ?? [];
      list.push(entry);
      this.entries.set(key, list);
    }
  }

  private save(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    const body: CacheFile = { version: 1, entries: this.list() };
    // Write then rename, so that a crash never leaves half a file for the next run to choke on.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(body, null, 1)}\n`);
    renameSync(temporary, file);
  }
}

function keyOf(instruction: string, width: number, height: number): string {
  return `${instruction.trim().toLowerCase()}\u0000${width}x${height}`;
}
