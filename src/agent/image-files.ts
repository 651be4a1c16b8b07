/**
 * Writing pictures: the screenshot saved when a target is not found (PNG, lossless: exactly the
 * pixels the grounder saw) and the pictures of a report (JPEG, small). Encoding is `src/image`'s.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RgbImage } from "../core/image.js";
import { encodeImage } from "../image/decode-image.js";

/** An encoded picture and its MIME type. */
export interface EncodedPicture {
  readonly bytes: Uint8Array;
  readonly mime: "image/png" | "image/jpeg";
}

/** JPEG quality of report pictures: 70 (UI text stays legible at about a tenth of the PNG size). */
export const REPORT_JPEG_QUALITY = 70;

/** Encodes a report picture as JPEG. */
export async function encodeReportPicture(image: RgbImage): Promise<EncodedPicture> {
  return { bytes: await encodeImage(image, { format: "jpeg", quality: REPORT_JPEG_QUALITY }), mime: "image/jpeg" };
}

/** Default folder for screenshots of failed locates: `<os tmpdir>/groundpoint`. */
export function defaultScreenshotDir(): string {
  return join(tmpdir(), "groundpoint");
}

/** Writes an image as PNG to `path`. */
export async function writePng(path: string, image: RgbImage): Promise<void> {
  await writeFile(path, await encodeImage(image, { format: "png" }));
}

/**
 * Saves a screenshot as PNG in `dir` (default {@link defaultScreenshotDir}) and returns its path, or
 * undefined when it cannot be written (the caller's error matters more than this file).
 */
export async function saveScreenshot(image: RgbImage, dir: string | undefined, prefix: string): Promise<string | undefined> {
  try {
    const folder = resolve(dir ?? defaultScreenshotDir());
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${prefix}-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.png`);
    await writePng(path, image);
    return path;
  } catch {
    return undefined;
  }
}
