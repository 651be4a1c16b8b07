import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { bilinearAxis, resizeBilinearU8 } from "./resize-bilinear-u8.js";

/** A one-row grey image (R = G = B) from the given values. */
function greyRow(values: number[]) {
  return { width: values.length, height: 1, data: Uint8Array.from(values.flatMap((value) => [value, value, value])) };
}

function redChannel(data: Uint8Array): number[] {
  return Array.from(data.filter((_, index) => index % 3 === 0));
}

describe("resizeBilinearU8 (torch 2.11 uint8 bilinear, align_corners=False, no antialias)", () => {
  it.each([
    // Upscale 2 -> 4: half-pixel centres, the left edge clamps at 0, the right neighbour clamps at n-1.
    { name: "upscale 2->4", input: [0, 255], width: 4, expected: [0, 64, 191, 255] },
    // Downscale 4 -> 2 lands exactly between pixels: 0.5 and 2.5 round half to even (0 and 2, not 1 and 3).
    { name: "ties round to even", input: [0, 1, 2, 3], width: 2, expected: [0, 2] },
    { name: "same size is the identity", input: [7, 200, 13], width: 3, expected: [7, 200, 13] },
    { name: "to one pixel reads the centre", input: [10, 20, 30, 40], width: 1, expected: [25] },
  ])("$name", ({ input, width, expected }) => {
    const output = resizeBilinearU8(greyRow(input), width, 1);
    expect(output.width).toBe(width);
    expect(redChannel(output.data)).toEqual(expected);
  });

  it("interpolates rows and columns independently per channel", () => {
    // 2x2 -> 4x4 with distinct channels: the centre 2x2 of the output mixes all four inputs.
    const image = { width: 2, height: 2, data: Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]) };
    const output = resizeBilinearU8(image, 4, 4);
    const pixel = (x: number, y: number) => Array.from(output.data.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3));
    expect(pixel(0, 0)).toEqual([0, 0, 0]);
    expect(pixel(3, 3)).toEqual([0, 0, 255]);
    // weights 0.75/0.25 on both axes: red = 255*0.75*0.25 = 47.8, green = 47.8, blue = 255*0.0625 = 15.9
    expect(pixel(1, 1)).toEqual([48, 48, 16]);
  });

  it.each([
    [0, 4],
    [4, 0],
    [2.5, 4],
  ])("rejects a %s x %s target", (width, height) => {
    expect(() => resizeBilinearU8(greyRow([1, 2]), width, height)).toThrow(InvalidInputError);
  });
});

describe("bilinearAxis", () => {
  it("uses a float32 scale and a float32 source coordinate (1920 -> 378)", () => {
    const axis = bilinearAxis(1920, 378);
    const scale = Math.fround(1920 / 378);
    const source = Math.fround(scale * 100.5 - 0.5);
    expect(axis.index0[100]).toBe(Math.floor(source));
    expect(axis.weight1[100]).toBe(Math.fround(source - Math.floor(source)));
    expect(axis.weight0[100]).toBe(Math.fround(1 - Math.fround(source - Math.floor(source))));
    expect(axis.index1[377]).toBeLessThanOrEqual(1919);
  });
});
