import { describe, expect, it } from "vitest";
import { goldenRoot, readNpy, readNpyIntegers } from "./read-npy.js";

describe("readNpy", () => {
  it("reads an int32 golden table with its shape", () => {
    const pooling = readNpyIntegers(`${goldenRoot}molmo2/preprocessing/tilings/r1_c1/pooling.npy`);
    expect(pooling.shape).toEqual([392, 4]);
    expect(pooling.data.length).toBe(392 * 4);
    expect(pooling.data[0]).toBe(0);
  });
  it("reads float32 arrays", () => {
    const weights = readNpy(`${goldenRoot}molmo2/point_head/weights/model.point_predictor.x_norm.weight.npy`);
    expect(weights.dtype).toBe("<f4");
    expect(weights.shape).toEqual([64]);
  });
});
