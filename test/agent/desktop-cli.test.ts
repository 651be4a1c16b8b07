/**
 * The desktop commands end to end: a real Xvfb, a real (headed) Chromium window on it showing the
 * form page, and `groundpoint click` / `groundpoint type` capturing the X screen, locating with the
 * OCR grounder and driving XTest input. The page says where each click landed.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../../src/actions/launch-browser.js";
import { runCli, type CliIo } from "../../src/cli/run-cli.js";
import { startXvfb, type XServer } from "../desktop/fixtures/x-server.js";

let server: XServer;
let browser: LaunchedBrowser;
const previousDisplay = process.env["DISPLAY"];

function capture(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

beforeAll(async () => {
  server = await startXvfb(1280, 900);
  process.env["DISPLAY"] = server.display;
  browser = await launchBrowser({ headless: false, viewport: { width: 1200, height: 700 } });
  await browser.page.goto(pathToFileURL(join(import.meta.dirname, "pages", "form.html")).href, { waitUntil: "load" });
}, 120_000);

afterAll(async () => {
  await browser?.browser.close();
  await server?.stop();
  if (previousDisplay === undefined) delete process.env["DISPLAY"];
  else process.env["DISPLAY"] = previousDisplay;
});

async function clickedIds(): Promise<(string | null)[]> {
  return browser.page.evaluate(() => (window as unknown as { clicks: { id: string | null }[] }).clicks.map((click) => click.id));
}

describe("groundpoint click / type on the desktop (Xvfb)", () => {
  it("click finds the button on the X screen and clicks it through XTest", async () => {
    const io = capture();
    const code = await runCli(["click", "Submit", "--timeout", "0"], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toMatch(/^clicked "Submit" at \(\d+/);
    expect(await clickedIds()).toEqual(["submit"]);
  }, 400_000);

  it("--dry-run locates without clicking", async () => {
    const io = capture();
    expect(await runCli(["click", "Reset", "--dry-run", "--timeout", "0"], io)).toBe(0);
    expect(io.out).toMatch(/^would click "Reset" at/);
    expect(await clickedIds()).toEqual(["submit"]);
  }, 400_000);

  it("type clicks the field found by its label and types the text", async () => {
    const io = capture();
    const code = await runCli(["type", "Last name", "Lovelace", "--timeout", "0"], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toMatch(/^typed 8 character\(s\) into "Last name" at/);
    expect(await browser.page.inputValue("#last")).toBe("Lovelace");
  }, 400_000);

  it("an absent target exits 1 and says so", async () => {
    const io = capture();
    expect(await runCli(["click", "Delete account", "--timeout", "0"], io)).toBe(1);
    expect(io.err).toMatch(/^groundpoint click: agent\.click\("Delete account"\): not found on screen 1280×900/);
  }, 400_000);
});
