/**
 * Locate-cache benchmark: on the bundled demo page in real Chromium with the OCR grounder, one
 * locate that runs the grounder (miss), then N repeated locates answered from the verified cache.
 * Prints the medians of the cache stage (fingerprint + lookup + patch check), of the whole cached
 * call (screenshot included) and of the grounder call it replaces, per viewport.
 *
 *   npx tsx bench/agent-cache.bench.ts [--runs N] [--viewport 1280x800 --viewport 1920x1080]
 *
 * Target: a cache hit answered in ≤ 30 ms (the cache stage; a Chromium screenshot comes on top).
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Agent } from "../src/agent/agent.js";
import { defaultGrounder } from "../src/agent/grounders.js";
import { BrowserDevice } from "../src/actions/browser-device.js";
import { DEMO_PAGE } from "../src/cli/commands/demo.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    viewport: { type: "string", multiple: true, default: ["1280x800", "1920x1080"] },
    instruction: { type: "string", default: "Save" },
  },
});
const runs = Number(values.runs);


const grounder = await defaultGrounder();
console.log(`grounder ${grounder.name}, instruction ${JSON.stringify(values.instruction)}, ${runs} cached runs per viewport`);
console.log("viewport    grounder (miss)   cache stage (hit)   cached call incl. screenshot   hits");
for (const viewport of values.viewport) {
  const [width, height] = viewport.split("x").map(Number) as [number, number];
  const device = await BrowserDevice.launch({ viewport: { width, height } });
  try {
    await device.page.goto(pathToFileURL(DEMO_PAGE).href);
    const agent = new Agent(device, { grounder, cache: "read-write" });
    const miss = await agent.locate(values.instruction);
    const cacheStage: number[] = [];
    const wholeCall: number[] = [];
    let hits = 0;
    for (let run = 0; run < runs; run++) {
      const result = await agent.locate(values.instruction);
      if (result.cache.status === "hit") hits++;
      cacheStage.push(result.timings.cache ?? Number.NaN);
      wholeCall.push(result.timings.total ?? Number.NaN);
    }
    console.log(
      `${viewport.padEnd(11)} ${`${Math.round(miss.timings.locate ?? 0)} ms`.padEnd(17)} ${`${median(cacheStage).toFixed(2)} ms`.padEnd(19)} ${`${median(wholeCall).toFixed(1)} ms`.padEnd(30)} ${hits}/${runs}`,
    );
  } finally {
    await device.close();
  }
}
await grounder.dispose?.();
