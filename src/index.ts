/**
 * groundpoint's public API. Each room adds its public exports here.
 */
export * from "./core/errors.js";
export type { RgbImage, ImagePoint, Box } from "./core/image.js";
export type { Grounder, LocateOptions, LocateResult, LocatedPoint } from "./core/grounder.js";
export * from "./core/coordinates.js";
export * from "./actions/index.js";
export * from "./grounding/decode/index.js";
export * from "./grounding/preprocess/index.js";
export * from "./image/index.js";
export * from "./runtime/index.js";
export * from "./runtime/ocr/index.js";
export * from "./grounders/index.js";
export * from "./agent/index.js";
export * from "./mcp/index.js";
