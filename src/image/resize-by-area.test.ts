import { describe, expect, it } from "vitest";
import { resizeByArea } from "./resize-by-area.js";

describe("resizeByArea", () => {
  it.each([
    // a 4×2 image of two flat halves, halved: each output pixel averages one half
    [4, 2, 2, 1, [10, 20, 30, 200, 100, 0]],
    // a 3-px ramp to 2 px: fractional coverage weights the middle pixel half into each
    [3, 1, 2, 1, [40, 40, 40, 80, 80, 80]],
  ])("%i×%i → %i×%i", (width, height, toWidth, toHeight, expected) => {
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value: [number, number, number] = width === 4 ? (x < 2 ? [10, 20, 30] : [200, 100, 0]) : [[30, 60, 90][x]!, [30, 60, 90][x]!, [30, 60, 90][x]!];
        data.set(value, (y * width + x) * 3);
      }
    }
    expect([...resizeByArea({ width, height, data }, toWidth, toHeight).data]).toEqual(expected);
  });
});
