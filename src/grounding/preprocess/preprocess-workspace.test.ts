import { describe, expect, it } from "vitest";
import { preprocessImage } from "./preprocess-image.js";
import { PreprocessWorkspace } from "./preprocess-workspace.js";

function pattern(width: number, height: number, seed: number) {
  const data = new Uint8Array(width * height * 3);
  for (let index = 0; index < data.length; index++) data[index] = (index * seed + (index >> 7)) % 256;
  return { width, height, data };
}

describe("PreprocessWorkspace", () => {
  it("gives the same result as fresh buffers, also after a larger image dirtied the buffers", () => {
    const workspace = new PreprocessWorkspace();
    const large = pattern(1000, 700, 13);
    const small = pattern(500, 300, 7);
    const dirty = preprocessImage(large, { maxCrops: 8, workspace });
    expect(dirty.crops).toBe(9);
    const reused = preprocessImage(small, { maxCrops: 8, workspace });
    const fresh = preprocessImage(small, { maxCrops: 8 });
    expect(reused.pixelValues.length).toBe(fresh.pixelValues.length);
    expect(Buffer.compare(Buffer.from(reused.pixelValues.buffer, reused.pixelValues.byteOffset, reused.pixelValues.byteLength),
      Buffer.from(fresh.pixelValues.buffer))).toBe(0);
    // The documented aliasing: the second call reused the first result's memory.
    expect(reused.pixelValues.buffer).toBe(dirty.pixelValues.buffer);
  });

  it("grows and clears", () => {
    const workspace = new PreprocessWorkspace();
    expect(workspace.floats(10).length).toBe(10);
    const bytes = workspace.bytes("canvas", 5);
    expect(workspace.bytes("canvas", 3).buffer).toBe(bytes.buffer);
    expect(workspace.bytes("canvas", 50).length).toBe(50);
    workspace.clear();
    expect(workspace.bytes("canvas", 3).buffer).not.toBe(bytes.buffer);
  });
});
