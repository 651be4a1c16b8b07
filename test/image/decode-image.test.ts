import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { AbortError, InvalidInputError } from "../../src/core/errors.js";
import { decodeImage, encodeImage, sniffImageFormat } from "../../src/image/decode-image.js";
import { pngHeaderOnly } from "../helpers/png-header-only.js";

const directory = mkdtempSync(join(tmpdir(), "groundpoint-decode-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
}

/** A 4×2 image whose pixels are all different. */
const pixels = { width: 4, height: 2, data: Uint8Array.from({ length: 24 }, (_, index) => (index * 37) % 256) };

describe("decodeImage", () => {
  it("round-trips lossless PNG and WebP, from a path and from a buffer", async () => {
    const png = await encodeImage(pixels);
    const webp = await sharp(pixels.data, { raw: { width: 4, height: 2, channels: 3 } }).webp({ lossless: true }).toBuffer();
    for (const source of [png, file("lossless.png", png), webp, file("lossless.webp", webp)]) {
      const image = await decodeImage(source);
      expect([image.width, image.height]).toEqual([4, 2]);
      expect(Array.from(image.data)).toEqual(Array.from(pixels.data));
    }
  });

  it("decodes JPEG (lossy, so within a small error) and applies the EXIF orientation", async () => {
    const flat = { width: 4, height: 2, data: new Uint8Array(24).fill(200) };
    const jpeg = await sharp(flat.data, { raw: { width: 4, height: 2, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(jpeg);
    // Orientation 6 = rotate 90° clockwise to display: the 4×2 pixels become 2×4.
    expect([image.width, image.height]).toEqual([2, 4]);
    for (const value of image.data) expect(Math.abs(value - 200)).toBeLessThanOrEqual(2);
  });

  it("composites alpha onto white and expands grey to RGB", async () => {
    // Pixel 0: opaque black; pixel 1: fully transparent black -> white; pixel 2: half-transparent blue.
    const rgba = Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 128]);
    const png = await sharp(rgba, { raw: { width: 3, height: 1, channels: 4 } }).png().toBuffer();
    const image = await decodeImage(png);
    expect(Array.from(image.data.subarray(0, 6))).toEqual([0, 0, 0, 255, 255, 255]);
    const blended = Array.from(image.data.subarray(6, 9));
    expect(Math.abs(blended[0]! - 127)).toBeLessThanOrEqual(1);
    expect(blended[2]).toBe(255);

    const grey = await sharp(Uint8Array.from([10, 20, 30, 40]), { raw: { width: 2, height: 2, channels: 1 } }).png().toBuffer();
    const expanded = await decodeImage(grey);
    expect(Array.from(expanded.data)).toEqual([10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40]);
  });

  it("reduces 16-bit PNGs to 8 bits", async () => {
    const png16 = await sharp(pixels.data, { raw: { width: 4, height: 2, channels: 3 } }).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe("ushort");
    const image = await decodeImage(png16);
    expect(Array.from(image.data)).toEqual(Array.from(pixels.data));
  });

  it("rejects a 20000×20000 image from its header, before decoding", async () => {
    const path = file("huge.png", pngHeaderOnly(20000, 20000));
    const error = await decodeImage(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    // This message comes from the header check; a decode attempt would fail with "decoding failed".
    expect((error as Error).message).toMatch(/huge\.png is 20000×20000 px = 400\.0 MP, over the 100\.0 MP limit; downscale it or raise maxPixels/);
  });

  it("honours maxPixels", async () => {
    const png = await encodeImage(pixels);
    await expect(decodeImage(png, { maxPixels: 7 })).rejects.toThrow(/4×2 px = 8 pixels, over the 7 pixels limit/);
    await expect(decodeImage(png, { maxPixels: 8 })).resolves.toMatchObject({ width: 4, height: 2 });
    await expect(decodeImage(png, { maxPixels: 0 })).rejects.toThrow(/maxPixels must be a positive integer/);
  });

  it.each([
    { name: "a text file", bytes: "hello, I am not an image\n", message: /notes\.txt is not a readable PNG, JPEG or WebP image \(its first bytes are not/ },
    { name: "an empty file", bytes: "", message: /is not a readable PNG, JPEG or WebP image \(it is empty\)/ },
    { name: "a GIF", bytes: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), message: /first bytes are not a PNG, JPEG or WebP signature/ },
  ])("rejects $name with InvalidInputError naming the file", async ({ name, bytes, message }) => {
    const path = file(name === "a text file" ? "notes.txt" : `${name.replace(/\W/g, "")}.png`, bytes);
    await expect(decodeImage(path)).rejects.toThrow(InvalidInputError);
    await expect(decodeImage(path)).rejects.toThrow(message);
  });

  it("rejects corrupt and truncated PNGs", async () => {
    const big = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 9, g: 80, b: 200 } } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const truncated = file("truncated.png", big.subarray(0, big.length >> 1));
    await expect(decodeImage(truncated)).rejects.toThrow(/truncated\.png is not a readable PNG, JPEG or WebP image/);
    const corrupt = Buffer.from(big);
    corrupt.fill(0xab, 8, 60); // overwrite the IHDR chunk after the signature
    await expect(decodeImage(file("corrupt.png", corrupt))).rejects.toThrow(/corrupt\.png is not a readable PNG, JPEG or WebP image/);
  });

  it("rejects a missing file", async () => {
    await expect(decodeImage(join(directory, "nope.png"))).rejects.toThrow(/cannot open image file .*nope\.png/);
  });

  it("stops when the signal is aborted", async () => {
    await expect(decodeImage(await encodeImage(pixels), { signal: AbortSignal.abort() })).rejects.toThrow(AbortError);
  });
});

describe("encodeImage", () => {
  it("writes PNG or JPEG", async () => {
    expect(sniffImageFormat(await encodeImage(pixels))).toBe("png");
    expect(sniffImageFormat(await encodeImage(pixels, { format: "jpeg", quality: 90 }))).toBe("jpeg");
  });
  it("rejects mismatched data and bad quality", async () => {
    await expect(encodeImage({ width: 3, height: 3, data: new Uint8Array(5) })).rejects.toThrow(InvalidInputError);
    await expect(encodeImage({ width: 3, height: 3, data: new Uint8Array(5) })).rejects.toThrow(/^encodeImage: image is 3×3, so its data must be a Uint8Array of width\*height\*3 = 27 bytes/);
    await expect(encodeImage(pixels, { format: "jpeg", quality: 0 })).rejects.toThrow(/quality must be an integer from 1 to 100/);
  });
});
