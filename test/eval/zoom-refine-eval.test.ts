// `groundpoint eval --zoom-refine`: each worker locates again in a crop around its first point, as the
// agent's zoomRefine does, and records the refined point in whole-screenshot pixels. Checked against
// the same grounder called here on the same crop (real screenshots, real worker processes).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadJsonl } from "../../benchmarks/screenspot/load-jsonl.js";
import { readPredictions } from "../../benchmarks/screenspot/prediction-record.js";
import { runEvaluation } from "../../benchmarks/screenspot/run-evaluation.js";
import { cropImage, windowAround } from "../../src/agent/pixels.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { runCli } from "../../src/cli/run-cli.js";
import { createGrounder } from "./fixtures/contrast-grounder.js";

const realdev = fileURLToPath(new URL("../../../shared/realdev/", import.meta.url));
const subset = `${realdev}screenspot_v2_subset/annotations.jsonl`;
const model = `module:${fileURLToPath(new URL("./fixtures/contrast-grounder.ts", import.meta.url))}`;
const temporary = () => mkdtempSync(join(tmpdir(), "groundpoint-eval-zoom-"));

describe("eval --zoom-refine", () => {
  it("locates again in a crop around the first point and maps the answer back; small screens are left alone", async () => {
    const options = { benchmark: "jsonl" as const, annotations: subset, model, galleryMax: 0, limit: 8 };
    const plain = readPredictions((await runEvaluation({ ...options, out: temporary() })).predictionsFile).records;
    const out = temporary();
    const zoomed = readPredictions((await runEvaluation({ ...options, out, zoomRefine: { cropSize: 512 } })).predictionsFile).records;
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ zoomCrop: 512 });

    const grounder = createGrounder();
    const items = loadJsonl(subset).items.slice(0, 8);
    let refinedItems = 0;
    for (const item of items) {
      const first = plain.get(item.id)!;
      const second = zoomed.get(item.id)!;
      const large = Math.max(first.imageWidth, first.imageHeight) > 1600;
      const point = first.points[0];
      if (first.notFound || point === undefined || !large) {
        expect(second.points).toEqual(first.points);
        expect(second.timings.refine).toBeUndefined();
        continue;
      }
      refinedItems += 1;
      expect(second.timings.refine).toBeGreaterThan(0);
      const image = await decodeImage(join(realdev, "screenspot_v2_subset", item.image));
      const crop = windowAround(point, 512, image);
      const answer = await grounder.locate(cropImage(image, crop), item.instruction);
      const expected = answer.notFound ? point : { x: crop.x1 + answer.points[0]!.x, y: crop.y1 + answer.points[0]!.y };
      expect(second.points[0]!.x).toBeCloseTo(expected.x, 9);
      expect(second.points[0]!.y).toBeCloseTo(expected.y, 9);
    }
    expect(refinedItems).toBeGreaterThan(0);
  }, 600_000);

  it("refuses --zoom-crop without --zoom-refine and a crop under 64 px", async () => {
    const lines: string[] = [];
    const io = { stdout: (text: string) => lines.push(text), stderr: (text: string) => lines.push(text) };
    const base = ["eval", "--benchmark", "jsonl", "--annotations", subset, "--model", model];
    expect(await runCli([...base, "--zoom-crop", "512"], io)).toBe(2);
    expect(lines.join("")).toContain("--zoom-crop only applies with --zoom-refine");
    expect(await runCli([...base, "--zoom-refine", "--zoom-crop", "32"], io)).toBe(2);
    expect(lines.join("")).toContain("--zoom-crop must be an integer ≥ 64");
  });
});
