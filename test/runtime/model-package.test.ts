/**
 * A corrupted package (a changed byte, a missing or truncated file, a manifest of another format
 * version, a manifest whose graph names disagree with the graph) fails `groundpoint model verify`
 * (exit 1, the file named) and loading for `locate` (ModelLoadError with `file`); a CUDA request
 * that onnxruntime-node cannot serve says what to install.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../../src/cli/run-cli.js";
import { ModelLoadError } from "../../src/core/errors.js";
import { loadModelPackage, verifyModelPackage } from "../../src/runtime/model-package/load-model-package.js";
import { createMolmoPointGrounder } from "../../src/runtime/molmopoint/molmopoint-grounder.js";

const fixture = join(import.meta.dirname, "../fixtures/tiny-model");

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

async function loadError(directory: string, options: Parameters<typeof createMolmoPointGrounder>[1] = {}): Promise<ModelLoadError> {
  const error = await createMolmoPointGrounder(directory, { intraOpThreads: 1, ...options }).then(
    async (grounder) => {
      await grounder.dispose();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(ModelLoadError.isInstance(error), `expected a ModelLoadError, got ${String(error)}`).toBe(true);
  return error as ModelLoadError;
}

async function editManifest(directory: string, edit: (manifest: Record<string, unknown>) => void): Promise<void> {
  const path = join(directory, "manifest.json");
  const manifest = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  edit(manifest);
  await writeFile(path, JSON.stringify(manifest, null, 1));
}

describe("model package verification", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "groundpoint-package-"));
    await cp(fixture, directory, { recursive: true, filter: (source) => !source.includes("/reference") });
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it.each([
    [["model", "verify", "--bogus"], /Unknown option '--bogus'.*\. See `groundpoint model --help`\./],
    [["model", "pull", "--sha256"], /Option '--sha256 <value>' argument missing\. See `groundpoint model --help`\./],
  ])("usage errors: %j exit 2 pointing at the help", async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
  });

  it("an intact package verifies (exit 0, every file OK) and loads", async () => {
    const io = captureIo();
    expect(await runCli(["model", "verify", directory], io)).toBe(0);
    expect(io.out).toMatch(/^OK {3}manifest\.json \(molmopoint-tiny-random /);
    expect(io.out).toMatch(/OK {3}vision\.onnx: \d+ bytes, sha256 [0-9a-f]{12}…/);
    expect(io.out).toMatch(/package OK: \d+ files verified\n$/);
    const loaded = await loadModelPackage(directory);
    expect(loaded.manifest.formatVersion).toBe(1);
  });

  it("a changed byte: verify exit 1 naming the file; loading fails naming it", async () => {
    const path = join(directory, "vision.onnx");
    const bytes = await readFile(path);
    bytes[1000] = bytes[1000]! ^ 0x01;
    await writeFile(path, bytes);
    const io = captureIo();
    expect(await runCli(["model", "verify", directory], io)).toBe(1);
    expect(io.out).toMatch(/FAIL vision\.onnx: sha256-mismatch: .*vision\.onnx has sha256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}; the file is corrupt: pull the package again/);
    expect(io.out).toMatch(/OK {3}decoder\.onnx/);
    expect(io.out).toMatch(/package BROKEN: 1 of \d+ files failed/);
    const error = await loadError(directory);
    expect(error.file).toBe("vision.onnx");
    expect(error.message).toContain("the file is corrupt");
    // The user-facing path: `groundpoint locate --model <dir>` fails the same way.
    const locate = captureIo();
    expect(await runCli(["locate", join(fixture, "reference/screen_640x400.png"), "Save button", "--model", directory], locate)).toBe(1);
    expect(locate.err).toMatch(/vision\.onnx has sha256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}; the file is corrupt/);
  });

  it("a missing file: verify and load name it", async () => {
    await rm(join(directory, "tokenizer.json"));
    const io = captureIo();
    expect(await runCli(["model", "verify", directory], io)).toBe(1);
    expect(io.out).toMatch(/FAIL tokenizer\.json: missing: .*does not exist; the package is incomplete/);
    expect((await loadError(directory)).file).toBe("tokenizer.json");
  });

  it("a truncated file: size mismatch, without hashing", async () => {
    await truncate(join(directory, "embeddings.bin"), 1000);
    const result = await verifyModelPackage(directory);
    expect(result.files.find((file) => file.file === "embeddings.bin")).toMatchObject({ status: "size-mismatch" });
    expect((await loadError(directory, { check: "size" })).file).toBe("embeddings.bin");
  });

  it("a manifest of another format version: verify exit 1 and load fail on manifest.json", async () => {
    await editManifest(directory, (manifest) => (manifest.formatVersion = 2));
    const io = captureIo();
    expect(await runCli(["model", "verify", directory], io)).toBe(1);
    expect(io.out).toMatch(/^FAIL manifest\.json: .*formatVersion 2 is not supported; this groundpoint reads formatVersion 1/);
    const error = await loadError(directory);
    expect(error.file).toBe("manifest.json");
  });

  it("a manifest that is not a package, or breaks the schema, names manifest.json and the field", async () => {
    await editManifest(directory, (manifest) => delete (manifest.tokens as Record<string, unknown>).patch);
    const error = await loadError(directory);
    expect(error.file).toBe("manifest.json");
    expect(error.message).toContain("tokens.patch");
    await editManifest(directory, (manifest) => (manifest.format = "something-else"));
    expect((await loadError(directory)).message).toContain('"format" is "something-else"');
  });

  it("graph names that differ from the manifest: loading names the graph file", async () => {
    await editManifest(directory, (manifest) => {
      const graphs = manifest.graphs as { decoder: { outputs: { name: string }[] } };
      graphs.decoder.outputs[0]!.name = "renamed_output";
    });
    const error = await loadError(directory);
    expect(error.file).toBe("decoder.onnx");
    expect(error.message).toContain("does not have the output renamed_output that manifest.json declares");
  });

  it("verify without a folder argument is a usage error (exit 2)", async () => {
    const io = captureIo();
    expect(await runCli(["model", "verify"], io)).toBe(2);
    expect(io.err).toContain("pass exactly one package folder");
  });
});

const onnxruntimeDirectory = dirname(createRequire(import.meta.url).resolve("onnxruntime-node/package.json"));
const cudaProvidersInstalled = ["napi-v3", "napi-v6"].some((napi) => existsSync(join(onnxruntimeDirectory, "bin", napi, "linux", "x64", "libonnxruntime_providers_cuda.so")));

describe("CUDA sessions", () => {
  it.runIf(!cudaProvidersInstalled)("a CUDA request without onnxruntime-node's CUDA binaries fails with what to install", async () => {
    const error = await loadError(fixture, { device: "cuda" });
    expect(error.file).toBe("vision.onnx");
    expect(error.message).toContain("Cannot run vision.onnx on CUDA");
    expect(error.message).toContain("ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node");
  });
});
