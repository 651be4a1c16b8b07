/**
 * The one check that a value is a well-formed {@link RgbImage}, for every public entry point that
 * takes pixels from a caller.
 */
import { InvalidInputError } from "./errors.js";
import type { RgbImage } from "./image.js";

/** Options of {@link assertRgbImage}. */
export interface AssertRgbImageOptions {
  /** The argument named in the error. Default `"image"`. */
  parameter?: string;
  /** Which call is checking, put before the message, e.g. `"ImageDevice.fromImage"`. Default none. */
  context?: string;
}

/**
 * Throws unless `image` has whole positive `width` and `height` and `data` is a Uint8Array of
 * exactly `width * height * 3` bytes (packed RGB, no alpha).
 *
 * @throws InvalidInputError naming the parameter, with the size found and the bytes needed
 */
export function assertRgbImage(image: unknown, options: AssertRgbImageOptions = {}): asserts image is RgbImage {
  const parameter = options.parameter ?? "image";
  const prefix = options.context === undefined ? "" : `${options.context}: `;
  const candidate = (typeof image === "object" && image !== null ? image : {}) as Partial<Record<keyof RgbImage, unknown>>;
  const { width, height, data } = candidate;
  if (typeof width !== "number" || typeof height !== "number" || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidInputError(
      parameter,
      `${prefix}${parameter} must be an RgbImage with whole positive width and height, got ${String(width)}×${String(height)}. Pass { width, height, data } as decodeImage returns it.`,
    );
  }
  const needed = width * height * 3;
  if (!(data instanceof Uint8Array) || data.length !== needed) {
    const found = data instanceof Uint8Array ? `${data.length} bytes` : `data of type ${describeType(data)}`;
    throw new InvalidInputError(
      parameter,
      `${prefix}${parameter} is ${width}×${height}, so its data must be a Uint8Array of width*height*3 = ${needed} bytes (packed RGB, no alpha), got ${found}. Decode to packed RGB without alpha.`,
    );
  }
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}
