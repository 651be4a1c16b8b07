/**
 * Reads NumPy `.npy` files (format v1/v2/v3, little-endian, C order) for golden tests.
 * Supports the dtypes the goldens use: <f4, <f8, <i4, <i8, |u1, |b1, |i1.
 */
import { readFileSync } from "node:fs";

export type NpyData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array;

export interface NpyArray<T extends NpyData = NpyData> {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: T;
}

export function readNpy(path: string): NpyArray {
  const bytes = readFileSync(path);
  if (bytes.length < 10 || bytes.toString("latin1", 0, 6) !== "\x93NUMPY") {
    throw new Error(`${path}: not a .npy file`);
  }
  const major = bytes[6]!;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.toString("latin1", headerStart, headerStart + headerLength);
  const dtype = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!dtype || !fortran || shapeText === undefined) throw new Error(`${path}: unreadable header ${header}`);
  if (fortran === "True") throw new Error(`${path}: Fortran order is not supported`);
  const shape = shapeText
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  const count = shape.reduce((product, dimension) => product * dimension, 1);
  const offset = headerStart + headerLength;
  // Copy into a fresh, aligned buffer: typed-array views need element-aligned offsets.
  const body = new Uint8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + bytes.length));
  const buffer = body.buffer;
  let data: NpyData;
  switch (dtype) {
    case "<f4":
      data = new Float32Array(buffer, 0, count);
      break;
    case "<f8":
      data = new Float64Array(buffer, 0, count);
      break;
    case "<i4":
      data = new Int32Array(buffer, 0, count);
      break;
    case "<i8":
      data = new BigInt64Array(buffer, 0, count);
      break;
    case "|i1":
      data = new Int8Array(buffer, 0, count);
      break;
    case "|u1":
    case "|b1":
      data = new Uint8Array(buffer, 0, count);
      break;
    default:
      throw new Error(`${path}: unsupported dtype ${dtype}`);
  }
  return { dtype, shape, data };
}

/** Reads a float32 `.npy` file. */
export function readNpyFloat32(path: string): NpyArray<Float32Array> {
  const array = readNpy(path);
  if (!(array.data instanceof Float32Array)) throw new Error(`${path}: expected <f4, got ${array.dtype}`);
  return array as NpyArray<Float32Array>;
}

/** Reads an integer `.npy` file (int32, int64 or uint8) as plain numbers. */
export function readNpyIntegers(path: string): { shape: readonly number[]; data: number[] } {
  const array = readNpy(path);
  if (array.data instanceof Float32Array || array.data instanceof Float64Array) {
    throw new Error(`${path}: expected an integer dtype, got ${array.dtype}`);
  }
  const data = array.data instanceof BigInt64Array ? Array.from(array.data, Number) : Array.from(array.data);
  return { shape: array.shape, data };
}

/** Absolute path of the shared golden folder (`../shared/golden` beside the checkout). */
export const goldenRoot = new URL("../../../shared/golden/", import.meta.url).pathname;
