/**
 * Decoding screenshots (PNG, JPEG, WebP) into an {@link RgbImage} with sharp, bounded: the header is
 * read and the pixel count checked before any pixel is decoded.
 */
import { open } from "node:fs/promises";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { InvalidInputError, throwIfAborted } from "../core/errors.js";
import { assertRgbImage } from "../core/assert-rgb-image.js";
import type { RgbImage } from "../core/image.js";

/** Largest image {@link decodeImage} decodes by default: 100 megapixels (300 MB of RGB). */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** Options of {@link decodeImage}. */
export interface DecodeImageOptions {
  /** Reject images with more pixels than this, before decoding them. Default {@link DEFAULT_MAX_PIXELS}. */
  maxPixels?: number;
  /** Cancels the decode between steps. Default none. */
  signal?: AbortSignal;
}

/** The encodings {@link decodeImage} accepts. */
export type ImageFormat = "png" | "jpeg" | "webp";

const HEADER_BYTES = 16;

/** Recognises PNG, JPEG and WebP from their first bytes (signatures), or returns undefined. */
export function sniffImageFormat(header: Uint8Array): ImageFormat | undefined {
  const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (header.length >= 8 && pngSignature.every((byte, index) => header[index] === byte)) return "png";
  if (header.length >= 3 && header[0] === 0xff && header[1] === 0xd8 && header[2] === 0xff) return "jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...header.subarray(from, to));
  if (header.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  return undefined;
}

async function readHeader(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new InvalidInputError("image", `cannot open image file ${path}: ${(error as Error).message}.`, { cause: error });
  }
  try {
    const header = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return header.subarray(0, bytesRead);
  } catch (error) {
    throw new InvalidInputError("image", `cannot read image file ${path}: ${(error as Error).message}.`, { cause: error });
  } finally {
    await handle.close();
  }
}

function pixelCount(pixels: number): string {
  return pixels >= 100_000 ? `${(pixels / 1e6).toFixed(1)} MP` : `${pixels} pixels`;
}

function unreadable(name: string, detail: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError(
    "image",
    `${name} is not a readable PNG, JPEG or WebP image (${detail}); pass an uncorrupted screenshot file.`,
    cause === undefined ? {} : { cause },
  );
}

/**
 * Decodes a PNG, JPEG or WebP file (path) or buffer into 8-bit RGB: EXIF orientation applied, alpha
 * composited onto white, colour converted to sRGB. The header is checked first, so an image over
 * `maxPixels` is rejected without decoding its pixels.
 *
 * @param source a file path or the encoded bytes
 * @param options `maxPixels` (default 100 MP), `signal`
 * @throws InvalidInputError for a missing, non-image, corrupt or truncated file, or one over `maxPixels`;
 *   AbortError when `signal` aborts.
 */
export async function decodeImage(source: string | Uint8Array, options: DecodeImageOptions = {}): Promise<RgbImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!Number.isInteger(maxPixels) || maxPixels < 1) {
    throw new InvalidInputError("maxPixels", `maxPixels must be a positive integer, got ${String(maxPixels)}.`);
  }
  const name = typeof source === "string" ? source : "the image buffer";
  throwIfAborted(options.signal);
  const header = typeof source === "string" ? await readHeader(source) : source.subarray(0, HEADER_BYTES);
  if (sniffImageFormat(header) === undefined) {
    throw unreadable(name, header.length === 0 ? "it is empty" : "its first bytes are not a PNG, JPEG or WebP signature");
  }
  const input = typeof source === "string" ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);

  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(name, `its header cannot be parsed: ${(error as Error).message}`, error);
  }
  throwIfAborted(options.signal);
  const { width, height } = metadata;
  if (width === undefined || height === undefined || width < 1 || height < 1) {
    throw unreadable(name, "its header has no size");
  }
  if (width * height > maxPixels) {
    throw new InvalidInputError(
      "image",
      `${name} is ${width}×${height} px = ${pixelCount(width * height)}, over the ${pixelCount(maxPixels)} limit; ` +
        "downscale it or raise maxPixels.",
    );
  }

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(input, { limitInputPixels: maxPixels, failOn: "error" })
      .autoOrient()
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .toColourspace("srgb")
      .removeAlpha()
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw unreadable(name, `decoding failed: ${(error as Error).message}`, error);
  }
  throwIfAborted(options.signal);
  const { info, data } = decoded;
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw unreadable(name, `decoded to ${info.channels} channels and ${data.length} bytes, expected RGB`);
  }
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Options of {@link encodeImage}. */
export interface EncodeImageOptions {
  /** Output encoding. Default `"png"`. */
  format?: "png" | "jpeg";
  /** JPEG quality 1..100. Default 85. */
  quality?: number;
}

/**
 * Encodes an {@link RgbImage} as PNG (lossless) or JPEG, for reports and debugging output.
 *
 * @param image the pixels
 * @param options `format` (default `"png"`), `quality` (JPEG only, default 85)
 */
export async function encodeImage(image: RgbImage, options: EncodeImageOptions = {}): Promise<Buffer> {
  assertRgbImage(image, { context: "encodeImage" });
  const { width, height, data } = image;
  const quality = options.quality ?? 85;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new InvalidInputError("quality", `quality must be an integer from 1 to 100, got ${String(quality)}.`);
  }
  const pipeline = sharp(data, { raw: { width, height, channels: 3 } });
  return (options.format ?? "png") === "jpeg" ? pipeline.jpeg({ quality }).toBuffer() : pipeline.png().toBuffer();
}
