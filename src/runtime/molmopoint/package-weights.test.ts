import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelLoadError } from "../../core/errors.js";
import type { ModelPackage } from "../model-package/load-model-package.js";
import type { ModelManifest } from "../model-package/model-manifest.js";
import { halfToFloat, loadEmbeddingTable } from "./package-weights.js";

describe("halfToFloat", () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x83ff, -(1023 * 2 ** -24)],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])("0x%s → %d", (bits, value) => expect(halfToFloat(bits)).toBe(value));
  it("NaN", () => expect(halfToFloat(0x7e00)).toBeNaN());
});

describe("loadEmbeddingTable", () => {
  const fixture = join(import.meta.dirname, "../../../test/fixtures/tiny-model");

  async function packageWith(embeddings: Partial<ModelManifest["weights"]["embeddings"]>, bytes: Uint8Array): Promise<{ modelPackage: ModelPackage; cleanup: () => Promise<void> }> {
    const directory = await mkdtemp(join(tmpdir(), "groundpoint-embeddings-"));
    const manifest = JSON.parse(await readFile(join(fixture, "manifest.json"), "utf8")) as ModelManifest;
    const patched = { ...manifest, weights: { ...manifest.weights, embeddings: { ...manifest.weights.embeddings, ...embeddings } } };
    await writeFile(join(directory, patched.weights.embeddings.path), bytes);
    return { modelPackage: { directory, manifest: patched, resolve: (file) => join(directory, file) }, cleanup: () => rm(directory, { recursive: true, force: true }) };
  }

  it("float32 rows are views of the file at row * hidden", async () => {
    const manifest = JSON.parse(await readFile(join(fixture, "manifest.json"), "utf8")) as ModelManifest;
    const [rows, hidden] = manifest.weights.embeddings.shape;
    const raw = new Float32Array((await readFile(join(fixture, "embeddings.bin"))).buffer.slice(0));
    const table = await loadEmbeddingTable({ directory: fixture, manifest, resolve: (file) => join(fixture, file) });
    expect([table.rows, table.hidden]).toEqual([rows, hidden]);
    expect(Array.from(table.row(rows - 1))).toEqual(Array.from(raw.subarray((rows - 1) * hidden, rows * hidden)));
    expect(() => table.row(rows)).toThrow(RangeError);
  });

  it("float16 rows are widened exactly", async () => {
    const rows = 512;
    const hidden = 64;
    const bits = new Uint16Array(rows * hidden);
    for (let index = 0; index < bits.length; index++) bits[index] = (index * 2654435761) % 0x7c00 | (index % 3 === 0 ? 0x8000 : 0);
    const { modelPackage, cleanup } = await packageWith({ dtype: "float16", shape: [rows, hidden] }, new Uint8Array(bits.buffer));
    try {
      const table = await loadEmbeddingTable(modelPackage);
      const row = table.row(300);
      expect(Array.from(row)).toEqual(Array.from(bits.subarray(300 * hidden, 301 * hidden), halfToFloat));
    } finally {
      await cleanup();
    }
  });

  it("a file of the wrong size is a ModelLoadError naming it", async () => {
    const { modelPackage, cleanup } = await packageWith({ dtype: "float16" }, new Uint8Array(10));
    try {
      const error = await loadEmbeddingTable(modelPackage).catch((caught: unknown) => caught);
      expect(ModelLoadError.isInstance(error) && error.file).toBe("embeddings.bin");
    } finally {
      await cleanup();
    }
  });
});
