// Import boundaries per folder (STYLE.md "Rooms and doors"): each room owns one concern and its
// imports show it, the way Playwright enforces its DEPS lists. ESLint replaces (does not merge) a
// rule's options when two config blocks match a file, so each room gets one computed rule.
import tseslint from "typescript-eslint";

const modelPackages = ["onnxruntime-node", "onnxruntime-common", "@huggingface/tokenizers"];
const devicePackages = ["playwright-core", "playwright", "@nut-tree-fork/nut-js", "screenshot-desktop"];
const codecPackages = ["sharp"];
const nodeIo = ["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process", "net", "node:net", "http", "node:http", "https", "node:https"];

/** Which packages each room may import beyond the shared ones, and which rooms it may not import. */
const rooms = {
  core: { packages: [], pure: true, forbiddenRooms: ["grounding", "image", "runtime", "actions", "grounders", "agent", "cli", "mcp", "testing"] },
  grounding: { packages: [], pure: true, forbiddenRooms: ["image", "runtime", "actions", "grounders", "agent", "cli", "mcp", "testing"] },
  image: { packages: codecPackages, forbiddenRooms: ["runtime", "actions", "grounders", "agent", "cli", "mcp"] },
  runtime: { packages: modelPackages, forbiddenRooms: ["actions", "agent", "cli", "mcp"] },
  actions: { packages: devicePackages, forbiddenRooms: ["runtime", "grounders", "agent", "cli", "mcp"] },
  grounders: { packages: [], forbiddenRooms: ["actions", "agent", "cli", "mcp"] },
  agent: { packages: [], forbiddenRooms: ["cli", "mcp"] },
  cli: { packages: [], forbiddenRooms: [] },
  mcp: { packages: [], forbiddenRooms: ["cli"] },
  testing: { packages: [], forbiddenRooms: ["cli", "mcp"] },
};
const allRestricted = [...modelPackages, ...devicePackages, ...codecPackages];

function roomRule(name, room) {
  const forbiddenPackages = allRestricted.filter((pkg) => !room.packages.includes(pkg));
  if (room.pure) forbiddenPackages.push(...nodeIo);
  const message = room.pure
    ? `src/${name}/ is pure: no I/O, no native packages (see STYLE.md "Rooms and doors").`
    : `src/${name}/ may not import this: onnxruntime-node/tokenizer live in src/runtime, Playwright/nut.js in src/actions, sharp in src/image.`;
  return {
    files: [`src/${name}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: forbiddenPackages.map((pkg) => ({ name: pkg, message })),
          patterns: room.forbiddenRooms.map((other) => ({
            group: [`../${other}/*`, `../../${other}/*`, `../${other}`, `../../${other}`],
            message: `src/${name}/ must not depend on src/${other}/.`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...Object.entries(rooms).map(([name, room]) => roomRule(name, room)),
);
