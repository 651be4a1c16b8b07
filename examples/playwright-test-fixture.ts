/**
 * A Playwright Test fixture that gives every test an `agent` on its page. Copy this file into your
 * Playwright Test project (which has `@playwright/test` installed) and use it like this:
 *
 * ```ts
 * import { test as base, expect } from "@playwright/test";
 * import { agentFixture, type AgentFixture } from "./groundpoint-fixture";
 *
 * export const test = base.extend<AgentFixture>(agentFixture);
 *
 * test("saves a note", async ({ page, agent }) => {
 *   await page.goto("https://example.test/notes");
 *   await agent.type("Note text", "Hello");
 *   const result = await agent.click("Save", { checkChange: true });
 *   expect(result.screenChange?.changed).toBe(true);
 * });
 * ```
 *
 * It is written without importing `@playwright/test` (not a dependency of groundpoint), so that it
 * type-checks here; `base.extend` accepts it as is. In your project, import from "groundpoint".
 */
import { Agent, type AgentOptions, type PlaywrightPage } from "../src/index.js";

/** The fixture's type, for `base.extend<AgentFixture>(…)`. */
export interface AgentFixture {
  agent: Agent;
}

/** Options every test's agent gets; a shared cache file makes reruns fast and stays verified. */
const options: AgentOptions = {
  cache: { strategy: "read-write", file: ".groundpoint/locate-cache.json" },
  timeout: 30_000,
};

/**
 * `agent`: an agent on the test's page, with a report per test (in the test's output folder) that
 * Playwright keeps next to its own artifacts.
 */
export const agentFixture = {
  agent: async (
    { page }: { page: PlaywrightPage },
    use: (agent: Agent) => Promise<void>,
    testInfo: { outputPath: (...parts: string[]) => string },
  ): Promise<void> => {
    const agent = Agent.forPage(page, { ...options, report: { dir: testInfo.outputPath("groundpoint"), name: "report" } });
    try {
      await use(agent);
    } finally {
      await agent.close();
    }
  },
};
