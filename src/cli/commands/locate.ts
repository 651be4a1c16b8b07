/**
 * `groundpoint locate <image> "<instruction>"`: where on this screenshot is the thing the
 * instruction names? Prints a line or, with `--json`, one JSON object in pixels of the input image.
 */
import { Agent } from "../../agent/agent.js";
import type { CallResult, LocatedTarget } from "../../agent/agent-types.js";
import { writePng } from "../../agent/image-files.js";
import { copyImage, drawMarker } from "../../agent/pixels.js";
import { InvalidInputError, TargetNotFoundError } from "../../core/errors.js";
import { ImageDevice } from "../../actions/image-device.js";
import type { CliCommand } from "../run-cli.js";
import { agentOptionSpecs, agentOptionsFrom, agentOptionsHelp, describePoint, integerOption, parseCommandLine } from "./agent-command-options.js";

const help = `Usage: groundpoint locate <image> "<instruction>" [options]

Finds what the instruction names on a screenshot file (PNG, JPEG or WebP) and prints where.

  --json           print one JSON object, pixels of the input image:
                   {"points":[{"x":…,"y":…,"confidence":…}],"notFound":false,"timings":{…}}
  --out FILE       write a PNG copy of the image with the point(s) marked
  --all            every match (up to --max-points, default 20) instead of the best one
  --max-points N   with --all: the most points to return (default 20)
${agentOptionsHelp}

Exit status: 0 found, 1 not found, 2 bad usage.

Example:
  groundpoint locate screen.png "Save button" --json
`;

function pointsOf(result: CallResult): readonly LocatedTarget[] {
  return "points" in result ? (result as CallResult & { points: readonly LocatedTarget[] }).points : result.point ? [result.point] : [];
}

/** The `locate` command. */
export const locateCommand: CliCommand = {
  name: "locate",
  summary: "find an element on a screenshot file and print its pixel coordinates",
  help,
  async run(argv, io) {
    const { positionals, values } = parseCommandLine("locate", {
      args: [...argv],
      allowPositionals: true,
      options: { ...agentOptionSpecs, out: { type: "string" }, all: { type: "boolean" }, "max-points": { type: "string" } },
    });
    const [imagePath, instruction, ...extra] = positionals;
    if (imagePath === undefined || instruction === undefined || extra.length > 0) {
      throw new InvalidInputError("argv", 'pass an image and one instruction: groundpoint locate <image> "<instruction>". See `groundpoint locate --help`.');
    }
    const maxPoints = integerOption("max-points", values["max-points"], 1);
    const options = agentOptionsFrom(values, "locate");
    const device = await ImageDevice.open(imagePath);
    const agent = new Agent(device, options, { ownsDevice: true });
    try {
      let result: CallResult;
      try {
        result = values.all ? await agent.locateAll(instruction, maxPoints === undefined ? {} : { maxPoints }) : await agent.locate(instruction);
      } catch (error) {
        if (!TargetNotFoundError.isInstance(error)) throw error;
        if (values.json) io.stdout(`${JSON.stringify({ points: [], notFound: true, timings: {} })}\n`);
        else io.stderr(`groundpoint locate: ${error.message.split("\nCall log:")[0]}\n`);
        return 1;
      }
      const points = pointsOf(result);
      if (values.out !== undefined) {
        const marked = copyImage(device.image);
        const radius = Math.max(8, Math.round(Math.max(marked.width, marked.height) / 120));
        for (const point of points) drawMarker(marked, point.image, radius, [230, 20, 40], Math.max(2, Math.round(radius / 4)));
        await writePng(values.out, marked);
      }
      if (values.json) {
        const body = {
          points: points.map((point) => ({ x: point.image.x, y: point.image.y, confidence: point.confidence })),
          notFound: false,
          timings: result.timings,
        };
        io.stdout(`${JSON.stringify(body)}\n`);
      } else {
        io.stdout(`${JSON.stringify(instruction)}: ${points.length === 1 ? describePoint(result) : `${points.length} points`}\n`);
        if (points.length > 1) for (const point of points) io.stdout(`  (${Math.round(point.image.x)}, ${Math.round(point.image.y)}) confidence ${point.confidence.toFixed(2)}\n`);
        if (values.out !== undefined) io.stdout(`marked image: ${values.out}\n`);
      }
      return 0;
    } finally {
      await agent.close();
    }
  },
};
