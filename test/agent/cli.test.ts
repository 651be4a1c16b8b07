/**
 * The agent commands through `runCli`, on real files and real Chromium with the default grounder.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePng } from "../../src/agent/image-files.js";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { runCli, type CliIo } from "../../src/cli/run-cli.js";
import { DEMO_PAGE } from "../../src/cli/commands/demo.js";

function capture(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), "gp-cli-"));

describe("groundpoint demo", () => {
  it("clicks Save on the bundled page, prints where, confirms the page registered it, writes a report", async () => {
    const io = capture();
    const code = await runCli(["demo", "--report", join(dir, "reports")], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toMatch(/clicked at \(\d+(\.\d)?, \d+(\.\d)?\) image px = \(\d+(\.\d)?, \d+(\.\d)?\) logical px/);
    expect(io.out).toContain("the page registered the click on its Save button");
    const html = /report: (.+\.html)/.exec(io.out)?.[1];
    const json = /trace: +(.+\.json)/.exec(io.out)?.[1];
    expect(html && existsSync(html)).toBe(true);
    const trace = JSON.parse(readFileSync(json!, "utf8")) as { steps: { call: string; ok: boolean; screenChange?: { changed: boolean } }[] };
    expect(trace.steps).toMatchObject([{ call: 'agent.click("Save")', ok: true, screenChange: { changed: true } }]);
  }, 400_000);

  it("exits 1 with a clear message when the click misses Save", async () => {
    const io = capture();
    const code = await runCli(["demo", "--instruction", "Print", "--report", join(dir, "reports")], io);
    expect(code).toBe(1);
    expect(io.err).toContain('FAILED, the click landed on the "print" button, not on Save.');
  }, 400_000);

  it("exits 1 when nothing is found", async () => {
    const io = capture();
    const code = await runCli(["demo", "--instruction", "Launch rocket", "--report", join(dir, "reports")], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/FAILED, agent\.click\("Launch rocket"\): not found on screen 1280×800/);
  }, 400_000);
});

describe("groundpoint locate", () => {
  let screenshot: string;
  let saveBox: { x: number; y: number; width: number; height: number };
  beforeAll(async () => {
    const device = await BrowserDevice.launch({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1.5 });
    try {
      await device.page.goto(pathToFileURL(DEMO_PAGE).href);
      saveBox = (await device.page.locator('button[data-action="save"]').boundingBox())!;
      screenshot = join(dir, "demo.png");
      await writePng(screenshot, (await device.screenshot()).image);
    } finally {
      await device.close();
    }
  }, 300_000);
  afterAll(() => undefined);

  it("--json prints one object with the point in pixels of the input image", async () => {
    const io = capture();
    const code = await runCli(["locate", screenshot, "Save", "--timeout", "0", "--json", "--out", join(dir, "marked.png")], io);
    expect(code).toBe(0);
    const lines = io.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const body = JSON.parse(lines[0]!) as { points: { x: number; y: number }[]; notFound: boolean; timings: Record<string, number> };
    expect(body.notFound).toBe(false);
    expect(body.points).toHaveLength(1);
    // The screenshot is at 1.5 device px per CSS px: the point must fall in the button's box scaled by 1.5.
    const { x, y } = body.points[0]!;
    expect(x).toBeGreaterThan(saveBox.x * 1.5);
    expect(x).toBeLessThan((saveBox.x + saveBox.width) * 1.5);
    expect(y).toBeGreaterThan(saveBox.y * 1.5);
    expect(y).toBeLessThan((saveBox.y + saveBox.height) * 1.5);
    expect(body.timings.total).toBeGreaterThan(0);
    const marked = await decodeImage(join(dir, "marked.png"));
    const original = await decodeImage(screenshot);
    expect([marked.width, marked.height]).toEqual([original.width, original.height]);
    expect(Buffer.compare(Buffer.from(marked.data), Buffer.from(original.data))).not.toBe(0);
  }, 300_000);

  it("prints a line without --json; not found exits 1 (with notFound: true in JSON)", async () => {
    const io = capture();
    expect(await runCli(["locate", screenshot, "Save", "--timeout", "0"], io)).toBe(0);
    expect(io.out).toMatch(/^"Save": \(\d+/);
    const missing = capture();
    expect(await runCli(["locate", screenshot, "Launch rocket", "--timeout", "0", "--json"], missing)).toBe(1);
    expect(JSON.parse(missing.out)).toEqual({ points: [], notFound: true, timings: {} });
  }, 300_000);

  it("rejects bad usage with exit 2 and explains", async () => {
    const io = capture();
    expect(await runCli(["locate", screenshot], io)).toBe(2);
    expect(io.err).toContain('pass an image and one instruction: groundpoint locate <image> "<instruction>"');
    const bad = capture();
    expect(await runCli(["locate", screenshot, "Save", "--max-crops", "zero"], bad)).toBe(2);
    expect(bad.err).toContain("--max-crops must be an integer ≥ 1");
    const badPoints = capture();
    expect(await runCli(["locate", screenshot, "Save", "--all", "--max-points", "0"], badPoints)).toBe(2);
    expect(badPoints.err).toContain("--max-points must be an integer ≥ 1");
    const badTimeout = capture();
    expect(await runCli(["demo", "--timeout", "soon"], badTimeout)).toBe(2);
    expect(badTimeout.err).toContain("--timeout must be an integer ≥ 0");
    const unknown = capture();
    expect(await runCli(["locate", screenshot, "Save", "--frobnicate"], unknown)).toBe(2);
    const missingFile = capture();
    expect(await runCli(["locate", join(dir, "nope.png"), "Save"], missingFile)).toBe(2);
    expect(missingFile.err).toMatch(/cannot open image file/);
  });
});

describe("--help", () => {
  it.each(["demo", "locate", "click", "type"])("groundpoint %s --help prints its usage and exits 0", async (command) => {
    const io = capture();
    expect(await runCli([command, "--help"], io)).toBe(0);
    expect(io.out).toMatch(new RegExp(`^Usage: groundpoint ${command} `));
  });

  it("click and type explain when there is no desktop to drive", async () => {
    const io = capture();
    const env = process.env["DISPLAY"];
    delete process.env["DISPLAY"];
    try {
      const code = await runCli(["click", "Save", "--dry-run"], io);
      expect(code).toBe(1);
      expect(io.err).toMatch(/^groundpoint click: /);
      expect(io.err).toMatch(/DISPLAY|X11|Xvfb/);
    } finally {
      if (env !== undefined) process.env["DISPLAY"] = env;
    }
  });
});
