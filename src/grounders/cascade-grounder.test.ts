import { describe, expect, it } from "vitest";
import { AbortError, InvalidInputError } from "../core/errors.js";
import type { Grounder } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";
import { createScriptedGrounder } from "../testing/scripted-grounder.js";
import { createCascadeGrounder } from "./cascade-grounder.js";

const image: RgbImage = { width: 200, height: 100, data: new Uint8Array(200 * 100 * 3) };

describe("CascadeGrounder", () => {
  it("takes the first stage's answer when it is confident and never runs the next", async () => {
    const ocr = createScriptedGrounder({ Save: { x: 10, y: 20, confidence: 0.9 } }, { name: "ocr" });
    const model = createScriptedGrounder({ Save: { x: 150, y: 50, confidence: 0.5 } }, { name: "model" });
    const cascade = createCascadeGrounder({ stages: [{ grounder: ocr, minConfidence: 0.8 }, model] });
    const result = await cascade.locate(image, "Save");
    expect(cascade.name).toBe("ocr+model");
    expect(result.points.map((point) => [point.x, point.y])).toEqual([[10, 20]]);
    expect(model.calls).toHaveLength(0);
    expect(Object.keys(result.timings).sort()).toEqual(["0.ocr.total", "total"]);
  });

  it("falls through on a weak or not-found answer, and the last stage's not-found is final", async () => {
    const ocr = createScriptedGrounder({ Save: { x: 10, y: 20, confidence: 0.6 } }, { name: "ocr" });
    const model = createScriptedGrounder({ Save: { x: 150, y: 50, confidence: 0.3 } }, { name: "model" });
    const cascade = createCascadeGrounder({ stages: [{ grounder: ocr, minConfidence: 0.8 }, { grounder: model, minConfidence: 0.9 }] });
    const weak = await cascade.locate(image, "Save");
    expect(weak.points.map((point) => [point.x, point.y])).toEqual([[150, 50]]);
    expect(Object.keys(weak.timings)).toContain("1.model.total");
    const absent = await cascade.locate(image, "the gear icon");
    expect(absent.notFound).toBe(true);
    expect(absent.points).toEqual([]);
    expect(ocr.calls.map((call) => call.instruction)).toEqual(["Save", "the gear icon"]);
    expect(model.calls.map((call) => call.instruction)).toEqual(["Save", "the gear icon"]);
  });

  it("passes the locate options to every stage and stops between stages when aborted", async () => {
    const controller = new AbortController();
    const ocr: Grounder = {
      name: "ocr",
      locate: async () => {
        controller.abort();
        return { points: [], notFound: true, timings: {} };
      },
    };
    const model = createScriptedGrounder({}, { name: "model" });
    const cascade = createCascadeGrounder({ stages: [ocr, model] });
    const failure = await cascade.locate(image, "Save", { signal: controller.signal, maxPoints: 3 }).catch((error: unknown) => error);
    expect(AbortError.isInstance(failure)).toBe(true);
    expect(model.calls).toHaveLength(0);
    const again = createScriptedGrounder({}, { name: "again" });
    await createCascadeGrounder({ stages: [again] }).locate(image, "Save", { maxPoints: 3, maxCrops: 4 });
    expect(again.calls[0]?.options).toEqual({ maxPoints: 3, maxCrops: 4 });
  });

  it("rejects an empty cascade and a threshold outside 0..1; disposes owned stages once", async () => {
    expect(() => createCascadeGrounder({ stages: [] })).toThrow(InvalidInputError);
    const model = createScriptedGrounder({}, { name: "model" });
    expect(() => createCascadeGrounder({ stages: [{ grounder: model, minConfidence: 1.5 }] })).toThrow(/between 0 and 1/);
    let disposed = 0;
    const owned: Grounder = { name: "owned", locate: model.locate.bind(model), dispose: async () => void (disposed += 1) };
    const cascade = createCascadeGrounder({ stages: [owned] });
    await cascade.dispose();
    await cascade.dispose();
    expect(disposed).toBe(1);
    await expect(cascade.locate(image, "Save")).rejects.toThrow(/disposed/);
    await createCascadeGrounder({ stages: [owned], ownsGrounders: false }).dispose();
    expect(disposed).toBe(1);
  });
});
