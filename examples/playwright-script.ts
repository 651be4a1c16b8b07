/**
 * A Playwright script that clicks by description instead of by selector.
 *
 *   npx tsx examples/playwright-script.ts
 *
 * In your project, import from "groundpoint" instead of "../src/index.js".
 */
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { Agent, TargetNotFoundError } from "../src/index.js";

const browser = await chromium.launch({
  executablePath: process.env["GROUNDPOINT_CHROMIUM"] ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(pathToFileURL("assets/demo/index.html").href);

  // One agent per page; every call takes (target, options?) and answers where it acted.
  const agent = Agent.forPage(page, { report: { dir: "groundpoint-reports", name: "playwright-script" }, cache: "read-write" });
  const saved = await agent.click("Save", { checkChange: true });
  console.log(`clicked Save at ${saved.point?.logical.x}, ${saved.point?.logical.y} CSS px; screen changed: ${saved.screenChange?.changed}`);

  await agent.type("Note text", "\nDecision: ship on Friday.");
  await agent.click("Ideas");

  // A target that is not there throws, with the screenshot saved; the agent never guesses.
  try {
    await agent.click("Delete account", { timeout: 20_000 });
  } catch (error) {
    if (!TargetNotFoundError.isInstance(error)) throw error;
    console.log(`as expected: ${error.message.split("\n")[0]}`);
  }
  console.log(`report: ${agent.report?.html}`);
  await agent.close();
} finally {
  await browser.close();
}
