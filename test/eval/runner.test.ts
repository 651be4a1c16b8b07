// The eval runner on real screenshots (../shared/realdev/) with a real, deterministic grounder
// (fixtures/contrast-grounder.ts): pool = one worker, a killed run resumes, timeouts, the CLI contract.
import { spawn, execFile } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadJsonl } from "../../benchmarks/screenspot/load-jsonl.js";
import { readPredictions, type PredictionRecord } from "../../benchmarks/screenspot/prediction-record.js";
import { runEvaluation } from "../../benchmarks/screenspot/run-evaluation.js";
import { runCli } from "../../src/cli/run-cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const realdev = fileURLToPath(new URL("../../../shared/realdev/", import.meta.url));
const subset = `${realdev}screenspot_v2_subset/annotations.jsonl`;
const midscene = `${realdev}midscene_eval_fixtures/annotations.jsonl`;
const grounder = `module:${fileURLToPath(new URL("./fixtures/contrast-grounder.ts", import.meta.url))}`;
const temporary = () => mkdtempSync(join(tmpdir(), "groundpoint-eval-"));
const answers = (records: ReadonlyMap<string, PredictionRecord>) =>
  Object.fromEntries([...records].map(([id, record]) => [id, { points: record.points, notFound: record.notFound, error: record.error }]));

afterEach(() => {
  delete process.env.GROUNDPOINT_TEST_HANG_ON;
});

// Each test forks worker processes that decode real screenshots; on shared CI cores that takes minutes.
const slow = 600_000;

describe("eval runner", () => {
  it("a pool of 3 workers gives the same predictions as one worker", async () => {
    const options = { benchmark: "jsonl" as const, annotations: midscene, model: grounder, galleryMax: 0 };
    const single = await runEvaluation({ ...options, workers: 1, out: temporary() });
    const pool = await runEvaluation({ ...options, workers: 3, out: temporary() });
    const singleAnswers = answers(readPredictions(single.predictionsFile).records);
    expect(Object.keys(singleAnswers)).toHaveLength(44);
    expect(answers(readPredictions(pool.predictionsFile).records)).toEqual(singleAnswers);
    expect(pool.report.correct).toBe(single.report.correct);
    expect(pool.report.run.computed).toBe(44);
    // The grounder both clicks and declines here, so equality covers both kinds of answer.
    const declined = Object.values(singleAnswers).filter((answer) => answer.notFound).length;
    expect(declined).toBeGreaterThan(0);
    expect(declined).toBeLessThan(44);
  }, slow);

  it("a run killed half-way resumes without recomputing finished items", async () => {
    const out = temporary();
    const predictionsFile = join(out, "predictions.jsonl");
    const firstLog = join(out, "calls-1.log");
    const args = ["bin/groundpoint.js", "eval", "--benchmark", "jsonl", "--annotations", subset, "--model", grounder, "--out", out, "--gallery", "0"];
    const child = spawn(process.execPath, args, { cwd: root, detached: true, stdio: "ignore", env: { ...process.env, GROUNDPOINT_TEST_CALL_LOG: firstLog } });
    let gone = false;
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    void exited.then(() => (gone = true));
    const lines = () => (existsSync(predictionsFile) ? readFileSync(predictionsFile, "utf8").split("\n").filter(Boolean).length : 0);
    while (lines() < 4 && !gone) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(gone).toBe(false); // still running: it did not fail, nor finish, before the kill
    process.kill(-child.pid!, "SIGKILL"); // the coordinator and its workers
    await exited;

    const before = readPredictions(predictionsFile).records;
    expect(before.size).toBeGreaterThanOrEqual(4);
    expect(before.size).toBeLessThan(30); // really killed half-way, not after the end
    const finishedBefore = readFileSync(predictionsFile, "utf8");

    const secondLog = join(out, "calls-2.log");
    const { stdout } = await promisify(execFile)(process.execPath, [...args, "--json"], { cwd: root, env: { ...process.env, GROUNDPOINT_TEST_CALL_LOG: secondLog } });
    const last = JSON.parse(stdout.trim().split("\n").pop()!) as { accuracy: number; correct: number; total: number; breakdown: { group: object }; run: { resumed: number; computed: number } };
    expect(last.total).toBe(30);
    expect(last.run).toMatchObject({ resumed: before.size, computed: 30 - before.size });
    expect(last.accuracy).toBeCloseTo(last.correct / 30, 12);
    expect(Object.keys(last.breakdown.group).sort()).toEqual(["desktop", "mobile", "web"]);

    // The resumed run never asked the grounder about an item finished before the kill.
    const instructionOf = new Map(loadJsonl(subset).items.map((item) => [item.id, item.instruction]));
    const askedAgain = readFileSync(secondLog, "utf8").split("\n").filter(Boolean);
    expect(askedAgain).toHaveLength(30 - before.size);
    for (const id of before.keys()) expect(askedAgain).not.toContain(instructionOf.get(id));
    // Finished lines are kept as they were; every id is there once.
    const after = readFileSync(predictionsFile, "utf8");
    expect(after.startsWith(finishedBefore)).toBe(true);
    expect(after.split("\n").filter(Boolean)).toHaveLength(30);
    expect(readPredictions(predictionsFile).records.size).toBe(30);
  }, slow);

  it("kills a worker stuck past the per-item timeout, records a timeout, and goes on", async () => {
    const items = loadJsonl(midscene).items.slice(0, 3);
    process.env.GROUNDPOINT_TEST_HANG_ON = items[1]!.instruction;
    const { report, predictionsFile } = await runEvaluation({
      benchmark: "jsonl",
      annotations: midscene,
      model: grounder,
      limit: 3,
      timeoutMs: 10_000,
      galleryMax: 0,
      out: temporary(),
    });
    const records = readPredictions(predictionsFile).records;
    expect(records.get(items[1]!.id)).toMatchObject({ errorCode: "timeout", error: "timed out after 10000 ms" });
    expect(records.get(items[0]!.id)?.error).toBeUndefined();
    expect(records.get(items[2]!.id)?.error).toBeUndefined();
    expect(report.outcomes.error).toBe(1);
    expect(report.run.restarts).toBe(1);
  }, slow);

  it("refuses to mix predictions of another model into one output folder", async () => {
    const out = temporary();
    await runEvaluation({ benchmark: "jsonl", annotations: midscene, model: grounder, limit: 1, galleryMax: 0, out });
    await expect(runEvaluation({ benchmark: "jsonl", annotations: midscene, model: "module:/elsewhere.ts", limit: 1, out })).rejects.toThrow(
      /holds predictions of another run \(model: module:.*contrast-grounder\.ts\); pass --fresh/,
    );
  }, slow);
});

describe("groundpoint eval (CLI)", () => {
  const capture = () => {
    const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
    return io;
  };

  it.each([
    [["--annotations", midscene], 2, "--benchmark must be one of screenspot-pro, screenspot-v2, osworld-g, jsonl."],
    [["--benchmark", "screenspot-v3", "--annotations", midscene], 2, 'got "screenspot-v3"'],
    [["--benchmark", "jsonl"], 2, "--annotations is required"],
    [["--benchmark", "osworld-g", "--annotations", midscene], 2, "--images is required for osworld-g"],
    [["--benchmark", "jsonl", "--annotations", midscene, "--workers", "0"], 2, "--workers must be an integer ≥ 1"],
    [["--benchmark", "jsonl", "--annotations", midscene, "--model", "nonsense"], 2, '--model "nonsense" is none of'],
    [["--benchmark", "jsonl", "--annotations", midscene, "--bogus"], 2, "Unknown option '--bogus'"],
    [["--benchmark", "screenspot-pro", "--annotations", midscene, "--images", "/tmp"], 2, "annotations.jsonl"],
  ])("%j → exit %i with a message saying what to change", async (argv, code, message) => {
    const io = capture();
    expect(await runCli(["eval", ...argv], io)).toBe(code);
    expect(io.err).toContain(message);
  });

  it("a model that cannot load stops the run (exit 1) with what to do", async () => {
    const io = capture();
    const emptyFolder = temporary();
    const code = await runCli(["eval", "--benchmark", "jsonl", "--annotations", midscene, "--model", emptyFolder, "--limit", "1", "--out", temporary()], io);
    expect(code).toBe(1);
    expect(io.err).toContain(`--model ${emptyFolder}: ${emptyFolder}/manifest.json cannot be read`);
  }, slow);

  it("a grounder that fails the same way on the first 5 items stops the run, keeping what it recorded", async () => {
    const io = capture();
    const out = temporary();
    const code = await runCli(["eval", "--benchmark", "jsonl", "--annotations", midscene, "--model", "http://127.0.0.1:9/", "--limit", "8", "--out", out], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/failed on the first 5 items with the same error: "The remote grounder at http:\/\/127\.0\.0\.1:9\/v1\/locate cannot be reached .*"\. Fix the grounder, then run again with --retry-errors/);
    expect(readPredictions(join(out, "predictions.jsonl")).records.size).toBe(5);
  }, slow);

  it("an unreachable remote grounder: each item is recorded as an error, and the run still reports", async () => {
    const io = capture();
    const out = temporary();
    const code = await runCli(["eval", "--benchmark", "jsonl", "--annotations", midscene, "--model", "http://127.0.0.1:9/", "--limit", "1", "--out", out], io);
    expect(code).toBe(0);
    expect(readPredictions(join(out, "predictions.jsonl")).records.values().next().value).toMatchObject({ errorCode: "model_load" });
    expect(io.out).toContain("accuracy 0.0% (0/1)");
  }, slow);
});

describe("eval runner with the OCR grounder", () => {
  it("two worker processes give the same predictions as the OCR grounder called in this process", async () => {
    const { createOcrGrounder } = await import("../../src/grounders/ocr-grounder.js");
    const { decodeImage } = await import("../../src/image/decode-image.js");
    const items = loadJsonl(subset).items.slice(0, 4); // two 2560×1440 web screenshots, two items each
    const { predictionsFile, report } = await runEvaluation({ benchmark: "jsonl", annotations: subset, model: "ocr", workers: 2, threads: 1, limit: 4, galleryMax: 0, out: temporary() });
    expect(report.grounder).toBe("ocr");
    const pooled = readPredictions(predictionsFile).records;
    const ocr = await createOcrGrounder({ intraOpNumThreads: 1 });
    try {
      for (const item of items) {
        const result = await ocr.locate(await decodeImage(join(realdev, "screenspot_v2_subset", item.image)), item.instruction);
        const record = pooled.get(item.id)!;
        expect({ id: item.id, points: record.points, notFound: record.notFound }).toEqual({
          id: item.id,
          points: result.points.slice(0, 5).map((point) => ({ x: point.x, y: point.y, confidence: point.confidence })),
          notFound: result.notFound,
        });
      }
    } finally {
      await ocr.dispose?.();
    }
  }, slow); // OCR of four 1440p screens
});
