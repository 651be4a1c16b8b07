import { describe, expect, it } from "vitest";
import { imageToLogical, logicalToImage, type ScreenSpace } from "./coordinates.js";

function space(fields: Partial<ScreenSpace>): ScreenSpace {
  return {
    width: 1920,
    height: 1080,
    devicePixelsPerImagePixel: 1,
    scaleFactor: 1,
    display: { id: "0", originX: 0, originY: 0 },
    ...fields,
  };
}

describe("imageToLogical", () => {
  it.each([
    { name: "1x, origin", space: space({}), image: { x: 100, y: 50 }, logical: { x: 100, y: 50 } },
    { name: "HiDPI 2x", space: space({ scaleFactor: 2 }), image: { x: 100, y: 50 }, logical: { x: 50, y: 25 } },
    { name: "Windows 125 %", space: space({ scaleFactor: 1.25 }), image: { x: 100, y: 50 }, logical: { x: 80, y: 40 } },
    {
      name: "second display at a negative offset",
      space: space({ display: { id: "1", originX: -1280, originY: -200 } }),
      image: { x: 10, y: 20 },
      logical: { x: -1270, y: -180 },
    },
    {
      name: "capture downscaled by 2 on a 1.5x display",
      space: space({ devicePixelsPerImagePixel: 2, scaleFactor: 1.5 }),
      image: { x: 30, y: 60 },
      logical: { x: 40, y: 80 },
    },
  ])("$name", ({ space: screenSpace, image, logical }) => {
    const result = imageToLogical(image, screenSpace);
    expect(result).toEqual({ space: "logical", ...logical });
    const back = logicalToImage(result, screenSpace);
    expect(back.x).toBeCloseTo(image.x, 9);
    expect(back.y).toBeCloseTo(image.y, 9);
  });
});
