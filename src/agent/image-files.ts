/**
 * Writing pictures: the screenshot saved when a target is not found, and the pictures of a report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deflateSync } from "node:zlib";
import type { RgbImage } from "../core/image.js";

/** An encoded picture and its MIME type. */
export interface EncodedPicture {
  readonly bytes: Uint8Array;
  readonly mime: "image/png" | "image/jpeg";
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Encodes an RGB image as a PNG (8-bit truecolour, filter "none" per row, zlib level 6): lossless,
 * so a saved screenshot shows exactly the pixels the grounder saw.
 */
export function encodePng(image: RgbImage): Uint8Array {
  const stride = image.width * 3;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let row = 0; row < image.height; row++) {
    raw[row * (stride + 1)] = 0;
    raw.set(image.data.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 6 })), chunk("IEND", new Uint8Array())]);
}

/** Encodes a report picture. */
export async function encodeReportPicture(image: RgbImage): Promise<EncodedPicture> {
  return { bytes: encodePng(image), mime: "image/png" };
}

/** Default folder for screenshots of failed locates: `<os tmpdir>/groundpoint`. */
export function defaultScreenshotDir(): string {
  return join(tmpdir(), "groundpoint");
}

/**
 * Saves a screenshot as PNG in `dir` (default {@link defaultScreenshotDir}) and returns its path, or
 * undefined when it cannot be written (the caller's error matters more than this file).
 */
export async function saveScreenshot(image: RgbImage, dir: string | undefined, prefix: string): Promise<string | undefined> {
  try {
    const folder = resolve(dir ?? defaultScreenshotDir());
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${prefix}-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.png`);
    writeFileSync(path, encodePng(image));
    return path;
  } catch {
    return undefined;
  }
}
