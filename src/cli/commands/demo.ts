/**
 * `groundpoint demo`: the README's first command. Opens the bundled page (assets/demo/) in
 * headless Chromium, says `agent.click("Save")`, prints where it clicked, checks with the page that
 * its Save button registered the click, and writes a report. Works offline.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Agent } from "../../agent/agent.js";
import { BrowserDevice } from "../../actions/browser-device.js";
import { DeviceError, TargetNotFoundError } from "../../core/errors.js";
import type { CliCommand } from "../run-cli.js";
import { describePoint, integerOption, parseCommandLine, reportName } from "./agent-command-options.js";

/** The bundled demo page: `<package root>/assets/demo/index.html` (from src/ or dist/ alike). */
export const DEMO_PAGE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "assets", "demo", "index.html");

/** Default timeout of the demo's click: 300 s (a first run also loads the OCR models). */
export const DEMO_TIMEOUT_MS = 300_000;

/** What the demo page records for each toolbar click (see assets/demo/index.html). */
interface DemoClick {
  readonly action: string;
  readonly x: number;
  readonly y: number;
}

const help = `Usage: groundpoint demo [options]

Opens a bundled page in headless Chromium, clicks its "Save" button the way a script would
(agent.click("Save")), prints where it clicked, checks that the page registered the click, and
writes an HTML report. Needs Chromium (Debian: apt-get install chromium); no network.

  --instruction T  what to click (default "Save"); the page must register a Save click to pass
  --report DIR     where the report goes (default ./groundpoint-reports)
  --model M        default | ocr | <model package folder> (default: default)
  --chromium PATH  the Chromium binary (default $GROUNDPOINT_CHROMIUM, else /usr/bin/chromium)
  --timeout MS     give up after MS milliseconds, 0 = never (default 300000: a first run loads the
                   OCR models, and a busy 2-core machine reads a screen in tens of seconds)

Exit status: 0 the page registered the Save click, 1 the click missed or nothing was found.
`;

/** The `demo` command. */
export const demoCommand: CliCommand = {
  name: "demo",
  summary: 'open a bundled page in headless Chromium and click "Save" on it (start here)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine("demo", {
      args: [...argv],
      allowPositionals: true,
      options: {
        instruction: { type: "string" },
        report: { type: "string" },
        model: { type: "string" },
        chromium: { type: "string" },
        timeout: { type: "string" },
      },
    });
    if (positionals.length > 0) {
      io.stderr(`groundpoint demo: unexpected argument ${JSON.stringify(positionals[0])}. See \`groundpoint demo --help\`.\n`);
      return 2;
    }
    if (!existsSync(DEMO_PAGE)) throw new DeviceError("browser", `the bundled demo page is missing (${DEMO_PAGE}); reinstall groundpoint.`);
    const instruction = values.instruction ?? "Save";
    const timeout = integerOption("timeout", values.timeout, 0) ?? DEMO_TIMEOUT_MS;
    io.stdout(`Opening the bundled demo page in headless Chromium...\n`);
    const device = await BrowserDevice.launch({
      viewport: { width: 1280, height: 800 },
      ...(values.chromium === undefined ? {} : { executablePath: values.chromium }),
    });
    const agent = new Agent(
      device,
      {
        report: { dir: values.report ?? "groundpoint-reports", name: reportName("demo") },
        checkChange: true,
        timeout,
        ...(values.model === undefined ? {} : { model: values.model }),
      },
      { ownsDevice: true },
    );
    try {
      await device.page.goto(pathToFileURL(DEMO_PAGE).href, { waitUntil: "load" });
      io.stdout(`agent.click(${JSON.stringify(instruction)}) on ${DEMO_PAGE}\n`);
      let result;
      try {
        result = await agent.click(instruction);
      } catch (error) {
        if (!TargetNotFoundError.isInstance(error)) throw error;
        io.stderr(`groundpoint demo: FAILED, ${error.message.split("\nCall log:")[0]}\n`);
        if (agent.report) io.stderr(`report: ${agent.report.html}\n`);
        return 1;
      }
      io.stdout(`clicked at ${describePoint(result)}\n`);
      const clicks = await device.page.evaluate(() => (window as unknown as { groundpointDemo: { clicks: DemoClick[] } }).groundpointDemo.clicks);
      const status = await device.page.evaluate(() => document.getElementById("status")?.textContent ?? "");
      const last = clicks.at(-1);
      const report = agent.report ? `report: ${agent.report.html}\ntrace:  ${agent.report.json}\n` : "";
      if (last?.action !== "save") {
        const what = last === undefined ? "no button" : `the "${last.action}" button`;
        io.stderr(`groundpoint demo: FAILED, the click landed on ${what}, not on Save.\n${report}`);
        return 1;
      }
      io.stdout(
        `the page registered the click on its Save button at (${last.x}, ${last.y}) CSS px; status now "${status}"` +
          `${result.screenChange ? `; ${result.screenChange.changedPixels} px of the screen changed` : ""}\n${report}`,
      );
      return 0;
    } finally {
      await agent.close();
    }
  },
};
