/**
 * `--cdp-endpoint`: attaching to a Chromium someone else started with --remote-debugging-port and
 * acting on its page through the tool runner; a dead endpoint fails with a message that says how
 * to start the browser.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowserOverCdp } from "../../src/actions/connect-browser.js";
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from "../../src/actions/launch-browser.js";
import { DeviceError } from "../../src/core/errors.js";
import type { Grounder } from "../../src/core/grounder.js";
import { ToolRunner } from "../../src/mcp/tool-runner.js";
import { startPageServer, type PageServer } from "./page-server.js";

let pages: PageServer;
let chromium: ChildProcess;
let endpoint: string;
const profile = mkdtempSync(join(tmpdir(), "gp-cdp-"));

/** A grounder the coordinate-only calls below never consult (a coordinate target skips grounding). */
const unusedGrounder: Grounder = {
  name: "unused",
  locate: () => Promise.reject(new Error("coordinate targets must not be grounded")),
};

beforeAll(async () => {
  pages = await startPageServer();
  chromium = spawn(
    process.env["GROUNDPOINT_CHROMIUM"] ?? DEFAULT_CHROMIUM_PATH,
    ["--headless", ...CHROMIUM_ARGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "--window-size=1280,800", `${pages.origin}/notes.html`],
    { stdio: "ignore" },
  );
  // Chromium writes the port it picked into DevToolsActivePort once it listens.
  for (;;) {
    try {
      const port = readFileSync(join(profile, "DevToolsActivePort"), "utf8").split("\n")[0];
      if (port) {
        endpoint = `http://127.0.0.1:${port}`;
        break;
      }
    } catch {
      // not written yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  if (chromium && chromium.exitCode === null) {
    const exited = new Promise((resolve) => chromium.once("exit", resolve));
    chromium.kill("SIGTERM");
    await exited;
  }
  // Chromium's zygote/helper processes can outlive the browser and keep writing into the profile, so a
  // failed removal of this temporary folder is not a test failure.
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.warn(`could not remove the temporary Chromium profile ${profile}: ${(error as Error).message}`);
  }
  await pages?.close();
});

describe("attaching over CDP", () => {
  it("drives the running browser's page and leaves the browser running when closed", async () => {
    const device = await connectBrowserOverCdp(endpoint);
    await device.page.waitForLoadState("load");
    expect(device.page.url()).toBe(`${pages.origin}/notes.html`);
    const runner = await ToolRunner.create(device, { grounder: unusedGrounder });
    const shot = await runner.run("screenshot", {});
    const box = (await device.page.locator("#save").boundingBox())!;
    const scale = (shot.summary.width as number) / (await device.page.evaluate(() => window.innerWidth));
    const clicked = await runner.run("click", { target: { x: (box.x + box.width / 2) * scale, y: (box.y + box.height / 2) * scale } });
    expect(clicked.ok, JSON.stringify(clicked.summary)).toBe(true);
    await pages.waitForEvent((event) => event.type === "click" && event.id === "save");
    await runner.close();
    await device.close();
    expect(chromium.exitCode).toBeNull();
    const again = await connectBrowserOverCdp(endpoint);
    expect(again.page.url()).toBe(`${pages.origin}/notes.html`);
    await again.close();
  }, 120_000);

  it.each([
    ["http://127.0.0.1:9", /could not attach to a browser at http:\/\/127\.0\.0\.1:9: .*Start Chrome or Chromium with --remote-debugging-port=9222/],
    ["127.0.0.1:9222", /must be an http\(s\) or ws\(s\) URL such as http:\/\/127\.0\.0\.1:9222/],
  ])("refuses %s with a message saying what to do", async (bad, message) => {
    const attempt = connectBrowserOverCdp(bad, { timeout: 5000 });
    await expect(attempt).rejects.toThrow(message);
    if (bad.startsWith("http")) await expect(attempt).rejects.toBeInstanceOf(DeviceError);
  }, 30_000);
});
