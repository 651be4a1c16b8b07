/**
 * Drive the desktop by description (X11 or Xvfb; DISPLAY must be set).
 *
 *   Xvfb :99 -screen 0 1920x1080x24 & export DISPLAY=:99
 *   xterm -geometry 80x20+100+100 -e bash &     # something to click
 *   npx tsx examples/desktop-script.ts
 *
 * In your project, import from "groundpoint" instead of "../src/index.js".
 */
import { Agent, TargetNotFoundError } from "../src/index.js";

const agent = await Agent.forDesktop({ report: { dir: "groundpoint-reports", name: "desktop-script" }, zoomRefine: true });
try {
  // Where is it? locate answers image px, device px and the logical px the pointer uses.
  const found = await agent.locate("File", { timeout: 30_000 }).catch((error: unknown) => {
    if (TargetNotFoundError.isInstance(error)) return undefined;
    throw error;
  });
  if (found?.point) {
    console.log(`"File" is at ${found.point.logical.x}, ${found.point.logical.y} (logical px), confidence ${found.point.confidence}`);
    // Click the point just found (image px) rather than "File" again: no second grounder run.
    await agent.click(found.point.image, { checkChange: true });
  }
  await agent.press("Escape");
  console.log(`report: ${agent.report?.html}`);
} finally {
  await agent.close();
}
