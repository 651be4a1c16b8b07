import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { pngHeaderOnly } from "../helpers/png-header-only.js";

const directory = mkdtempSync(join(tmpdir(), "groundpoint-inspect-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function inspect(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["inspect", ...argv], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

async function solidPng(name: string, width: number, height: number): Promise<string> {
  const path = join(directory, name);
  await sharp({ create: { width, height, channels: 3, background: { r: 240, g: 240, b: 240 } } }).png().toFile(path);
  return path;
}

let screenshot: string;
beforeAll(async () => {
  screenshot = await solidPng("screen.png", 1920, 1080);
});

describe("groundpoint inspect", () => {
  it("prints the plan of a 1920×1080 screenshot at the default 48 crops", async () => {
    const { code, stdout, stderr } = await inspect(screenshot);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("1920×1080 px, max crops 48");
    expect(stdout).toContain("4 rows × 7 cols");
    expect(stdout).toContain("1974×1176 px");
    expect(stdout).toContain("29 (1 global + 28)");
    expect(stdout).toContain("3224 in the prompt");
    expect(stdout).toContain("4.49 × 4.24 screenshot px per location cell");
  });

  it("--json prints one object with exactly the documented keys", async () => {
    const { code, stdout } = await inspect(screenshot, "--max-crops", "8", "--json");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const report = JSON.parse(stdout) as Record<string, number>;
    // Values from ../shared/golden/molmo2 (1920x1080_mc8).
    expect(report).toEqual({
      width: 1920,
      height: 1080,
      maxCrops: 8,
      rows: 2,
      cols: 4,
      canvasWidth: 1176,
      canvasHeight: 644,
      crops: 9,
      imageTokens: 1189,
      pxPerCellX: (0.33 * 1920) / 84,
      pxPerCellY: (0.33 * 1080) / 46,
    });
  });

  it("accepts --max-crops=64 and a JPEG", async () => {
    const path = join(directory, "phone.jpg");
    await sharp({ create: { width: 1170, height: 2532, channels: 3, background: "#336699" } }).jpeg().toFile(path);
    const { code, stdout } = await inspect(path, "--max-crops=64", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rows: 10, cols: 4, crops: 41, imageTokens: 4457 });
  });

  it.each([
    { name: "corrupt", make: () => write("corrupt.png", Buffer.concat([pngHeaderOnly(10, 10).subarray(0, 8), Buffer.alloc(40, 7)])), message: /corrupt\.png is not a readable PNG, JPEG or WebP image/ },
    { name: "truncated", make: async () => write("truncated.png", (await sharp(await solidPng("whole.png", 300, 200)).png({ compressionLevel: 0 }).toBuffer()).subarray(0, 5000)), message: /truncated\.png is not a readable PNG, JPEG or WebP image/ },
    { name: "non-image", make: () => write("notes.txt", "just text\n"), message: /notes\.txt is not a readable PNG, JPEG or WebP image/ },
    { name: "empty", make: () => write("empty.png", ""), message: /empty\.png is not a readable .* \(it is empty\)/ },
    { name: "1×1", make: () => solidPng("dot.png", 1, 1), message: /dot\.png: the image is 1×1 px; it must be at least 2×2 px/ },
    { name: "20000×20000", make: () => write("huge.png", pngHeaderOnly(20000, 20000)), message: /huge\.png is 20000×20000 px = 400\.0 MP, over the 100\.0 MP limit/ },
    { name: "missing", make: () => join(directory, "missing.png"), message: /cannot open image file .*missing\.png/ },
  ])("$name image: exit 2 with a message that says what is wrong", async ({ make, message }) => {
    const { code, stdout, stderr } = await inspect(await make());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^groundpoint inspect: /);
    expect(stderr).toMatch(message);
  });

  it.each(["0", "129", "2.5", "abc", "-3", ""])("--max-crops %j: exit 2", async (value) => {
    const { code, stderr } = await inspect(screenshot, `--max-crops=${value}`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--max-crops must be an integer from 1 to 128/);
  });

  it.each([
    { argv: [], message: /pass exactly one image file/ },
    { argv: ["a.png", "b.png"], message: /pass exactly one image file/ },
    { argv: ["a.png", "--crops", "3"], message: /Unknown option '--crops'.*\. See `groundpoint inspect --help`\./ },
  ])("usage errors: $argv", async ({ argv, message }) => {
    const { code, stderr } = await inspect(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
}
