/**
 * Capture and input latency of the devices, medians over real runs:
 *   npx tsx bench/capture.bench.ts [runs=15]
 *
 * - browser: BrowserDevice.screenshot() of a 1920×1080 viewport (Debian's Chromium, dsf 1 and 2),
 *   split into Playwright's PNG capture and the decode to RGB;
 * - desktop: one 1920×1080 Xvfb display, libnut's grab (what DesktopDevice uses) against
 *   screenshot-desktop (ImageMagick `import`), and DesktopDevice.screenshot() (grab + BGRA→RGB);
 * - input: click round trip, from the call until the page / the Tk window reports the event.
 */
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BrowserDevice } from "../src/actions/browser-device.js";
import { DesktopDevice } from "../src/actions/desktop-device.js";
import { decodeImage } from "../src/image/decode-image.js";
import { startXvfb } from "../test/desktop/fixtures/x-server.js";
import { median } from "./median.js";

const runs = Number(process.argv[2] ?? 15);


async function time(label: string, step: () => Promise<unknown>): Promise<number> {
  await step(); // warm-up, not counted
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await step();
    samples.push(performance.now() - started);
  }
  const result = median(samples);
  console.log(`${label.padEnd(62)} median ${result.toFixed(1).padStart(7)} ms  (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}, n=${runs})`);
  return result;
}

async function benchBrowser(): Promise<void> {
  for (const deviceScaleFactor of [1, 2]) {
    const device = await BrowserDevice.launch({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor });
    const page = device.page;
    await page.setContent(
      `<body style="margin:0;font:16px sans-serif">${"<p>groundpoint capture benchmark, a page with some text on it.</p>".repeat(60)}` +
        `<button id="b" style="position:fixed;left:900px;top:500px;width:120px;height:40px">Go</button>` +
        `<script>window.clicks=0;document.getElementById("b").addEventListener("mousedown",()=>window.clicks++)</script></body>`,
    );
    const tag = `browser 1920×1080 dsf ${deviceScaleFactor}`;
    let png: Buffer = Buffer.alloc(0);
    await time(`${tag}: page.screenshot PNG (device px)`, async () => {
      png = await page.screenshot({ type: "png", scale: "device" });
    });
    await time(`${tag}: decode PNG → RGB`, () => decodeImage(png));
    await time(`${tag}: BrowserDevice.screenshot() total`, () => device.screenshot());
    if (deviceScaleFactor === 1) {
      await time("browser click round trip (click → mousedown seen in page)", async () => {
        const before = await page.evaluate(() => (window as unknown as { clicks: number }).clicks);
        await device.click({ space: "logical", x: 960, y: 520 });
        await page.waitForFunction((count) => (window as unknown as { clicks: number }).clicks > count, before);
      });
    }
    await device.close();
  }
}

async function benchDesktop(): Promise<void> {
  const server = await startXvfb(1920, 1080);
  process.env["DISPLAY"] = server.display;
  const window = spawn("/usr/bin/python3", [fileURLToPath(new URL("../test/desktop/fixtures/event-log-window.py", import.meta.url)), "400", "300"], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let presses = 0;
  let ready: (() => void) | undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  let onPress: (() => void) | undefined;
  createInterface({ input: window.stdout! }).on("line", (line) => {
    const event = JSON.parse(line) as { event: string };
    if (event.event === "ready") ready?.();
    // Tk reports a second click at the same spot within the double-click time as "double" (then "triple"), not "press".
    if (event.event === "press" || event.event === "double" || event.event === "triple") {
      presses += 1;
      onPress?.();
    }
  });
  await started;
  try {
    const device = await DesktopDevice.open();
    const nut = await import("@nut-tree-fork/nut-js");
    const screenshotDesktop = (await import("screenshot-desktop")).default;
    const tag = `Xvfb 1920×1080 display ${server.display}`;
    await time(`${tag}: libnut grab (nut.js screen.grabRegion)`, () => nut.screen.grabRegion(new nut.Region(0, 0, 1920, 1080)));
    await time(`${tag}: screenshot-desktop PNG (ImageMagick import)`, () => screenshotDesktop({ format: "png" }));
    await time(`${tag}: DesktopDevice.screenshot() total (grab + BGRA→RGB)`, () => device.screenshot());
    // The Tk "Alpha" button: window at (400, 300), button at +20+20, 120×40.
    await time("desktop click round trip (click → ButtonPress logged by Tk)", async () => {
      const seen = presses;
      const arrived = new Promise<void>((resolve) => (onPress = () => presses > seen && resolve()));
      await device.click({ space: "logical", x: 480, y: 340 });
      await arrived;
    });
  } finally {
    window.kill("SIGTERM");
    // libnut keeps its X connection open and Xlib exits the process when that server goes away,
    // so signal Xvfb to stop (stop() sends SIGTERM at once) and leave before Xlib notices.
    console.log(`load at the end: ${load()}`);
    void server.stop();
    process.exit(0);
  }
}

// Medians on a shared machine move with its load: print it so numbers are read with their conditions.
const load = () => loadavg().map((value) => value.toFixed(1)).join(" ");
console.log(`groundpoint capture bench, node ${process.version}, ${new Date().toISOString()}, ${availableParallelism()} CPUs, load ${load()}`);
await benchBrowser();
await benchDesktop();
