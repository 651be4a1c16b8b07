/**
 * `groundpoint mcp`: the MCP server, on stdio (default) or streamable HTTP on loopback.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { BrowserDevice } from "../../actions/browser-device.js";
import { connectBrowserOverCdp } from "../../actions/connect-browser.js";
import { DesktopDevice } from "../../actions/desktop-device.js";
import type { Device } from "../../actions/device.js";
import { InvalidInputError } from "../../core/errors.js";
import { checkLoopbackHost, DEFAULT_HTTP_PORT, startHttpServer } from "../../mcp/http-transport.js";
import { createMcpServer } from "../../mcp/mcp-server.js";
import { ANTHROPIC_IMAGE_BUDGET } from "../../mcp/model-image-space.js";
import { ToolRunner } from "../../mcp/tool-runner.js";
import type { CliCommand } from "../run-cli.js";
import { agentOptionSpecs, agentOptionsFrom, agentOptionsHelp, integerOption, parseCommandLine } from "./agent-command-options.js";

const help = `Usage: groundpoint mcp (--url URL | --cdp-endpoint URL | --desktop) [options]

Runs an MCP server whose tools point and act on one screen: screenshot, locate, click, type,
press, scroll, drag, wait_for. Targets are descriptions ("Save button") or pixels of the latest
screenshot the tools returned.

Screen (one of):
  --url URL              launch Chromium (/usr/bin/chromium or $GROUNDPOINT_CHROMIUM) and open URL
  --cdp-endpoint URL     attach to a running Chrome started with --remote-debugging-port
                         (e.g. http://127.0.0.1:9222); with --url, also navigate its page there
  --desktop              drive the desktop (X11/Xvfb: DISPLAY must be set)
  --display D            with --desktop: which display, by name or index (default: the primary)
  --viewport WxH         with --url: viewport in CSS px (default 1280x800)
  --scale N              with --url: device scale factor (default 1)
  --headed               with --url: show the browser window

Safety:
  --dry-run              locate and report what each action would do; never touch the screen
  --confirm              ask before every action through MCP elicitation; a client without
                         elicitation support gets an error instead of an unconfirmed action

Transport:
  --http                 streamable HTTP at http://127.0.0.1:PORT/mcp instead of stdio
  --port N               HTTP port, 0 = any free one (default ${DEFAULT_HTTP_PORT})
  --host H               127.0.0.1 (default), ::1 or localhost; other hosts are refused
  --token T              bearer token clients must send (default $GROUNDPOINT_MCP_TOKEN, else a
                         random one, printed at start)

Images:
  --max-image-edge N     longest edge of screenshots shown to the model (default ${ANTHROPIC_IMAGE_BUDGET.maxLongEdge})
  --max-image-pixels N   most pixels of screenshots shown to the model (default ${ANTHROPIC_IMAGE_BUDGET.maxPixels})

${agentOptionsHelp}

Client configuration (stdio), e.g. for Claude Desktop or Claude Code:
  { "mcpServers": { "groundpoint": { "command": "npx", "args": ["groundpoint", "mcp", "--url", "https://example.com"] } } }
`;

function viewportOf(text: string | undefined): { width: number; height: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)x(\d+)$/i.exec(text);
  if (!match) throw new InvalidInputError("viewport", `--viewport must be WIDTHxHEIGHT in CSS px, e.g. 1280x800, got ${JSON.stringify(text)}.`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

async function openDevice(values: Record<string, string | boolean | undefined>): Promise<Device> {
  const url = values.url as string | undefined;
  const cdp = values["cdp-endpoint"] as string | undefined;
  const screens = [cdp !== undefined, values.desktop === true, url !== undefined && cdp === undefined].filter(Boolean).length;
  if (screens !== 1) {
    throw new InvalidInputError("argv", "pass exactly one screen: --url URL, --cdp-endpoint URL (optionally with --url), or --desktop. See `groundpoint mcp --help`.");
  }
  if (values.desktop) {
    const display = values.display as string | undefined;
    return DesktopDevice.open(display === undefined ? {} : { display: /^\d+$/.test(display) ? Number(display) : display });
  }
  const device = cdp !== undefined ? await connectBrowserOverCdp(cdp) : await launch(values);
  if (url !== undefined) {
    try {
      await device.page.goto(url, { waitUntil: "load" });
    } catch (error) {
      await device.close();
      throw new InvalidInputError("url", `could not open ${url}: ${(error as Error).message.split("\n")[0]}`, { cause: error });
    }
  }
  return device;
}

async function launch(values: Record<string, string | boolean | undefined>): Promise<BrowserDevice> {
  const viewport = viewportOf(values.viewport as string | undefined);
  const scaleText = values.scale as string | undefined;
  const deviceScaleFactor = scaleText === undefined ? undefined : Number(scaleText);
  if (deviceScaleFactor !== undefined && !(deviceScaleFactor > 0)) throw new InvalidInputError("scale", `--scale must be a positive number, got ${JSON.stringify(scaleText)}.`);
  return BrowserDevice.launch({
    ...(viewport === undefined ? {} : { viewport }),
    ...(deviceScaleFactor === undefined ? {} : { deviceScaleFactor }),
    ...(values.headed ? { headless: false } : {}),
  });
}

/** Resolves when the process is asked to stop, or (stdio) when the client goes away. */
function untilStopped(stdio: boolean, transportClosed: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    if (stdio) {
      // A client that exits closes our stdin: stop then, never linger as an orphan.
      process.stdin.once("end", stop);
      process.stdin.once("close", stop);
      void transportClosed.then(stop);
    }
  });
}

/** The `mcp` command. */
export const mcpCommand: CliCommand = {
  name: "mcp",
  summary: "serve the screen to LLM agents over MCP (stdio or loopback HTTP)",
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine("mcp", {
      args: [...argv],
      allowPositionals: true,
      options: {
        ...agentOptionSpecs,
        url: { type: "string" },
        "cdp-endpoint": { type: "string" },
        desktop: { type: "boolean" },
        display: { type: "string" },
        viewport: { type: "string" },
        scale: { type: "string" },
        headed: { type: "boolean" },
        "dry-run": { type: "boolean" },
        confirm: { type: "boolean" },
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        "max-image-edge": { type: "string" },
        "max-image-pixels": { type: "string" },
      },
    });
    if (positionals.length > 0) throw new InvalidInputError("argv", `groundpoint mcp takes no positional arguments, got ${JSON.stringify(positionals)}. See \`groundpoint mcp --help\`.`);
    const stdio = !values.http;
    if (stdio) {
      // stdout carries the protocol: anything else printed there would corrupt it.
      console.log = (...parts: unknown[]) => process.stderr.write(`${parts.map(String).join(" ")}\n`);
      console.info = console.log;
    }
    const port = integerOption("port", values.port, 0);
    const host = values.host ?? "127.0.0.1";
    if (!stdio) checkLoopbackHost(host);
    const imageBudget = {
      maxLongEdge: integerOption("max-image-edge", values["max-image-edge"], 1) ?? ANTHROPIC_IMAGE_BUDGET.maxLongEdge,
      maxPixels: integerOption("max-image-pixels", values["max-image-pixels"], 1) ?? ANTHROPIC_IMAGE_BUDGET.maxPixels,
    };
    const serverOptions = { confirm: values.confirm === true };
    const mode = `${values["dry-run"] ? ", dry run" : ""}${values.confirm ? ", confirming each action" : ""}`;
    let device: Device | undefined;
    let runner: ToolRunner | undefined;
    let server: McpServer | undefined;
    // Opening the screen and loading the grounder take seconds: over stdio the server answers
    // `initialize` at once and tool calls wait for them (a slow start must not time out the client).
    const ready = (async () => {
      device = await openDevice(values);
      runner = await ToolRunner.create(device, { agent: agentOptionsFrom(values, "mcp"), dryRun: values["dry-run"] === true, imageBudget });
      return runner;
    })();
    try {
      if (stdio) {
        ready.catch(() => undefined);
        const transport = new StdioServerTransport();
        const closed = new Promise<void>((resolve) => {
          transport.onclose = () => resolve();
        });
        server = createMcpServer(ready, serverOptions);
        await server.connect(transport);
        await ready;
        io.stderr(`groundpoint mcp: serving ${device!.kind} on stdio${mode}\n`);
        await untilStopped(true, closed);
      } else {
        await ready;
        const token = values.token ?? process.env["GROUNDPOINT_MCP_TOKEN"];
        const http = await startHttpServer(runner!, { ...serverOptions, host, port: port ?? DEFAULT_HTTP_PORT, ...(token === undefined ? {} : { token }) });
        io.stderr(`groundpoint mcp: serving ${device!.kind} at ${http.url}${mode}\n`);
        if (token === undefined) io.stderr(`groundpoint mcp: bearer token ${http.token}\n`);
        await untilStopped(false, Promise.resolve());
        await http.close();
      }
      return 0;
    } finally {
      // Closing the transport releases stdin, so that a failed start exits instead of hanging.
      await server?.close();
      await (runner as ToolRunner | undefined)?.close();
      await (device as Device | undefined)?.close();
    }
  },
};
