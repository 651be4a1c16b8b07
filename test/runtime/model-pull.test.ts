/**
 * `model pull` against a real HTTP server on 127.0.0.1 serving the tiny fixture package: a clean
 * pull, a transfer cut mid-file that resumes with a Range request (in the same pull, and in a
 * second pull after the first gave up), a wrong pinned checksum, a corrupt file on the server, a
 * re-pull that reuses the cache, and the CLI's output and exit codes.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../../src/cli/run-cli.js";
import { AbortError, ModelLoadError } from "../../src/core/errors.js";
import { verifyModelPackage } from "../../src/runtime/model-package/load-model-package.js";
import { defaultModelCacheDirectory, pullModelPackage } from "../../src/runtime/model-pull/pull-model-package.js";
import type { DownloadProgress } from "../../src/runtime/model-pull/resumable-download.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { createMolmoPointGrounder } from "../../src/runtime/molmopoint/molmopoint-grounder.js";
import { startFixtureServer, type FixtureServer } from "./fixture-server.js";
import { readReferenceCases } from "./reference-cases.js";

const fixture = join(import.meta.dirname, "../fixtures/tiny-model");
const manifest = JSON.parse(await readFile(join(fixture, "manifest.json"), "utf8")) as { name: string; version: string; files: { path: string; bytes: number }[] };
const manifestSha256 = createHash("sha256").update(await readFile(join(fixture, "manifest.json"))).digest("hex");
const visionBytes = manifest.files.find((file) => file.path === "vision.onnx")!.bytes;

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe("model pull from a local HTTP server", () => {
  let server: FixtureServer;
  let cache: string;
  beforeEach(async () => {
    server = await startFixtureServer(fixture);
    cache = await mkdtemp(join(tmpdir(), "groundpoint-pull-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(cache, { recursive: true, force: true });
  });

  it("downloads every file into <cache>/<name>/<version>/, reports progress, and the result verifies", async () => {
    const progress: DownloadProgress[] = [];
    const result = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache, sha256: manifestSha256, onProgress: (event) => progress.push(event) });
    expect(result.directory).toBe(join(cache, manifest.name, manifest.version));
    expect(result.files.map((file) => file.status)).toEqual(manifest.files.map(() => "downloaded"));
    const verification = await verifyModelPackage(result.directory);
    expect(verification.ok).toBe(true);
    const lastVision = progress.filter((event) => event.file === "vision.onnx").at(-1);
    expect(lastVision).toMatchObject({ receivedBytes: visionBytes, totalBytes: visionBytes, resumedFromBytes: 0 });
    expect((await readdir(result.directory)).filter((name) => name.endsWith(".part"))).toEqual([]);

    // The pulled folder runs: locate reproduces the reference's ids for its first case.
    const [first] = await readReferenceCases();
    const grounder = await createMolmoPointGrounder(result.directory, { intraOpThreads: 1 });
    try {
      const located = await grounder.locate(await decodeImage(join(fixture, "reference", first!.image)), first!.instruction, { maxCrops: first!.maxCrops });
      expect(located.generatedIds).toEqual(first!.withoutHarness.generatedIds);
    } finally {
      await grounder.dispose();
    }
  });

  it("resumes a transfer cut mid-file with an HTTP Range request in the same pull", async () => {
    server.faults.cutAfterBytes = new Map([["vision.onnx", 300_000]]);
    const result = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    const visionRequests = server.requests.filter((request) => request.path === "vision.onnx");
    expect(visionRequests).toHaveLength(2);
    expect(visionRequests[0]).toMatchObject({ range: undefined, status: 200 });
    const resumedFrom = Number(/^bytes=(\d+)-$/.exec(visionRequests[1]!.range ?? "")?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeLessThan(visionBytes);
    expect(visionRequests[1]!.status).toBe(206);
    expect(result.files.find((file) => file.file === "vision.onnx")?.status).toBe("resumed");
    expect((await verifyModelPackage(result.directory)).ok).toBe(true);
  });

  it("keeps the partial file when every attempt fails, and the next pull resumes it", async () => {
    server.faults.cutAfterBytes = new Map([["vision.onnx", 300_000]]);
    const error = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache, attempts: 1 }).catch((caught: unknown) => caught);
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect((error as ModelLoadError).file).toBe("vision.onnx");
    expect((error as Error).message).toMatch(/interrupted.*Run the same command again to resume/);
    const directory = join(cache, manifest.name, manifest.version);
    const partialBytes = (await stat(join(directory, "vision.onnx.part"))).size;
    expect(partialBytes).toBeGreaterThan(0);
    expect(await readdir(directory)).not.toContain("manifest.json");

    const result = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache, attempts: 1 });
    const last = server.requests.filter((request) => request.path === "vision.onnx").at(-1)!;
    expect(last).toMatchObject({ range: `bytes=${partialBytes}-`, status: 206 });
    expect(result.files.find((file) => file.file === "vision.onnx")?.status).toBe("resumed");
    expect((await verifyModelPackage(result.directory)).ok).toBe(true);
  });

  it("restarts from zero when the server ignores Range", async () => {
    server.faults.cutAfterBytes = new Map([["vision.onnx", 300_000]]);
    server.faults.noRangeSupport = true;
    const result = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    expect(server.requests.filter((request) => request.path === "vision.onnx").map((request) => request.status)).toEqual([200, 200]);
    expect((await verifyModelPackage(result.directory)).ok).toBe(true);
  });

  it("an aborted pull throws AbortError and keeps the partial file; the next pull resumes it", async () => {
    const controller = new AbortController();
    const error = await pullModelPackage(`${server.url}manifest.json`, {
      cacheDirectory: cache,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.file === "vision.onnx" && event.receivedBytes > 0) controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("run the same command again to resume");
    const directory = join(cache, manifest.name, manifest.version);
    const partialBytes = (await stat(join(directory, "vision.onnx.part"))).size;
    expect(partialBytes).toBeGreaterThan(0);
    const result = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    expect(server.requests.filter((request) => request.path === "vision.onnx").at(-1)).toMatchObject({ range: `bytes=${partialBytes}-`, status: 206 });
    expect((await verifyModelPackage(result.directory)).ok).toBe(true);
  });

  it("rejects a manifest whose sha256 differs from --sha256 and writes nothing", async () => {
    const wrong = "0".repeat(64);
    const error = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache, sha256: wrong }).catch((caught: unknown) => caught);
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect((error as ModelLoadError).file).toBe("manifest.json");
    expect((error as Error).message).toContain(`has sha256 ${manifestSha256}, expected ${wrong}`);
    expect(await readdir(cache)).toEqual([]);
    expect(server.requests.map((request) => request.path)).toEqual(["manifest.json"]);
  });

  it("rejects a file whose bytes differ from the manifest's sha256, deletes it, and leaves no manifest", async () => {
    server.faults.corrupt = new Set(["decoder.onnx"]);
    const error = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache }).catch((caught: unknown) => caught);
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect((error as ModelLoadError).file).toBe("decoder.onnx");
    expect((error as Error).message).toMatch(/Downloaded decoder\.onnx has sha256 [0-9a-f]{64}, expected [0-9a-f]{64}; the file was deleted/);
    const directory = join(cache, manifest.name, manifest.version);
    const names = await readdir(directory);
    expect(names).not.toContain("decoder.onnx");
    expect(names).not.toContain("decoder.onnx.part");
    expect(names).not.toContain("manifest.json");
  });

  it("reuses complete files on a second pull (only the manifest is fetched)", async () => {
    await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    server.requests.length = 0;
    const again = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    expect(again.files.every((file) => file.status === "cached")).toBe(true);
    expect(server.requests.map((request) => request.path)).toEqual(["manifest.json"]);
  });

  it("fetches again a cached file whose bytes changed on disk but not its size (the reuse check hashes, as load does)", async () => {
    const first = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    const vision = join(first.directory, "vision.onnx");
    const bytes = await readFile(vision);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(vision, bytes);
    server.requests.length = 0;
    const again = await pullModelPackage(`${server.url}manifest.json`, { cacheDirectory: cache });
    expect(again.files.map((file) => [file.file, file.status])).toEqual(manifest.files.map((file) => [file.path, file.path === "vision.onnx" ? "downloaded" : "cached"]));
    expect(server.requests.map((request) => request.path).sort()).toEqual(["manifest.json", "vision.onnx"]);
    expect((await verifyModelPackage(again.directory)).ok).toBe(true);
  });

  it("refuses before any transfer when the package does not fit on the cache's disk", async () => {
    const bigPackage = await mkdtemp(join(tmpdir(), "groundpoint-big-package-"));
    try {
      const edited = JSON.parse(await readFile(join(fixture, "manifest.json"), "utf8")) as { files: { path: string; bytes: number }[] };
      edited.files.find((file) => file.path === "decoder.onnx")!.bytes = 2 ** 52;
      await writeFile(join(bigPackage, "manifest.json"), JSON.stringify(edited));
      const bigServer = await startFixtureServer(bigPackage);
      try {
        const error = await pullModelPackage(`${bigServer.url}manifest.json`, { cacheDirectory: cache }).catch((caught: unknown) => caught);
        expect(ModelLoadError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(/needs 4\.0 PiB more in .*, but only .* is free\. Free some space or pass another --cache folder\./);
        expect(bigServer.requests.map((request) => request.path)).toEqual(["manifest.json"]);
      } finally {
        await bigServer.close();
      }
    } finally {
      await rm(bigPackage, { recursive: true, force: true });
    }
  });

  it("names the missing file on HTTP 404", async () => {
    const error = await pullModelPackage(`${server.url}nowhere/manifest.json`, { cacheDirectory: cache }).catch((caught: unknown) => caught);
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 404.*manifest\.json/);
  });

  it("groundpoint model pull prints the folder (exit 0); a wrong --sha256 exits 1 with the reason", async () => {
    const io = captureIo();
    expect(await runCli(["model", "pull", `${server.url}manifest.json`, "--cache", cache, "--sha256", manifestSha256], io)).toBe(0);
    expect(io.out).toBe(`${join(cache, manifest.name, manifest.version)}\n`);
    expect(io.err).toMatch(/vision\.onnx: 100% \(/);
    expect(io.err).toMatch(/downloaded +vision\.onnx/);

    const failing = captureIo();
    expect(await runCli(["model", "pull", `${server.url}manifest.json`, "--cache", cache, "--sha256", "f".repeat(64)], failing)).toBe(1);
    expect(failing.err).toMatch(/groundpoint model: .*manifest\.json has sha256/);
    const usage = captureIo();
    expect(await runCli(["model", "pull", `${server.url}manifest.json`, "--sha256", "xyz"], usage)).toBe(2);
    expect(usage.err).toContain("--sha256 must be 64 hex digits");
  });
});

describe("defaultModelCacheDirectory", () => {
  it.each([
    [{ GROUNDPOINT_CACHE: "/srv/models" }, "/srv/models"],
    [{ XDG_CACHE_HOME: "/xdg" }, "/xdg/groundpoint/models"],
  ])("%j → %s", (environment, expected) => {
    expect(defaultModelCacheDirectory(environment)).toBe(expected);
  });
  it("falls back to ~/.cache/groundpoint/models", () => {
    expect(defaultModelCacheDirectory({})).toMatch(/\.cache\/groundpoint\/models$/);
  });
});
