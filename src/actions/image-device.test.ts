import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageToLogical } from "../core/coordinates.js";
import { DeviceError, InvalidInputError } from "../core/errors.js";
import { encodeImage } from "../image/decode-image.js";
import { ImageDevice } from "./image-device.js";

let folder: string;
let path: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "image-device-"));
  path = join(folder, "screen.png");
  const data = new Uint8Array(40 * 30 * 3);
  data.fill(200);
  data.set([255, 0, 0], (10 * 40 + 20) * 3);
  await writeFile(path, await encodeImage({ width: 40, height: 30, data }));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("ImageDevice", () => {
  it("decodes the file and returns it with its space", async () => {
    const device = await ImageDevice.open(path, { scaleFactor: 2 });
    const shot = await device.screenshot();
    expect([shot.image.width, shot.image.height]).toEqual([40, 30]);
    expect(Array.from(shot.image.data.subarray((10 * 40 + 20) * 3, (10 * 40 + 20) * 3 + 3))).toEqual([255, 0, 0]);
    expect(shot.space).toEqual({ width: 40, height: 30, devicePixelsPerImagePixel: 1, scaleFactor: 2, display: { id: path, originX: 0, originY: 0 } });
    expect(imageToLogical({ x: 20, y: 10 }, shot.space)).toEqual({ space: "logical", x: 10, y: 5 });
    await device.waitForStable();
  });

  it.each(["click", "move", "drag", "scroll", "type", "press"] as const)("%s throws DeviceError: the image device cannot take input", async (method) => {
    const device = await ImageDevice.open(path);
    const point = { space: "logical", x: 1, y: 1 } as const;
    const calls = {
      click: () => device.click(point),
      move: () => device.move(point),
      drag: () => device.drag(point, point),
      scroll: () => device.scroll(point, { deltaY: 10 }),
      type: () => device.type("x"),
      press: () => device.press("Enter"),
    };
    const failure = await calls[method]().catch((error: unknown) => error);
    expect(DeviceError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(new RegExp(`ImageDevice.${method}: the image device cannot take input`));
  });

  it("a missing file or a bad scale factor gives InvalidInputError", async () => {
    await expect(ImageDevice.open(join(folder, "missing.png"))).rejects.toSatisfy(InvalidInputError.isInstance);
    await expect(ImageDevice.open(path, { scaleFactor: 0 })).rejects.toThrow(/scaleFactor must be a positive number/);
    expect(() => ImageDevice.fromImage({ width: 2, height: 2, data: new Uint8Array(5) })).toThrow(/^ImageDevice\.fromImage: image is 2×2, so its data must be a Uint8Array of width\*height\*3 = 12 bytes .*got 5 bytes/);
  });
});
