import { describe, expect, it } from "vitest";
import { InvalidInputError } from "./errors.js";
import { assertRgbImage } from "./assert-rgb-image.js";

describe("assertRgbImage", () => {
  it.each([
    { width: 1, height: 1, data: new Uint8Array(3) },
    { width: 4, height: 2, data: new Uint8Array(24) },
    { width: 2, height: 2, data: Buffer.alloc(12) },
  ])("accepts $width×$height with $data.length bytes", (image) => {
    expect(() => assertRgbImage(image)).not.toThrow();
  });

  it.each([
    { name: "zero width", image: { width: 0, height: 2, data: new Uint8Array(0) }, message: /^image must be an RgbImage with whole positive width and height, got 0×2\./ },
    { name: "fractional height", image: { width: 2, height: 1.5, data: new Uint8Array(9) }, message: /got 2×1\.5\./ },
    { name: "no size", image: { data: new Uint8Array(3) }, message: /got undefined×undefined\./ },
    { name: "not an object", image: null, message: /got undefined×undefined\./ },
    { name: "RGBA bytes", image: { width: 2, height: 2, data: new Uint8Array(16) }, message: /^image is 2×2, so its data must be a Uint8Array of width\*height\*3 = 12 bytes \(packed RGB, no alpha\), got 16 bytes\./ },
    { name: "a plain array", image: { width: 1, height: 1, data: [1, 2, 3] }, message: /= 3 bytes .*got data of type Array\./ },
    { name: "floats", image: { width: 1, height: 1, data: new Float32Array(3) }, message: /got data of type Float32Array\./ },
    { name: "no data", image: { width: 1, height: 1 }, message: /got data of type undefined\./ },
  ])("refuses $name with an InvalidInputError saying what to pass", ({ image, message }) => {
    let thrown: unknown;
    try {
      assertRgbImage(image);
    } catch (error) {
      thrown = error;
    }
    expect(InvalidInputError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidInputError).parameter).toBe("image");
    expect((thrown as Error).message).toMatch(message);
  });

  it("names the parameter and prefixes the call", () => {
    expect(() => assertRgbImage({ width: 1, height: 1, data: new Uint8Array(4) }, { parameter: "crop", context: "Thing.run" })).toThrow(
      /^Thing\.run: crop is 1×1, so its data must be a Uint8Array of width\*height\*3 = 3 bytes/,
    );
  });
});
