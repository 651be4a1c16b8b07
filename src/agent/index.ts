/**
 * The agent room's public exports: the `Agent`, its options and results, the locate cache, the
 * grounder switch, and the after-action error.
 */
export { Agent, DEFAULT_MAX_POINTS, DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_INTERVAL_MS } from "./agent.js";
export type { PlaywrightPage } from "./agent.js";
export type * from "./agent-types.js";
export { LocateCache } from "./locate-cache.js";
export type { CacheEntry, CacheLookup, CacheStrategy, LocateCacheOptions } from "./locate-cache.js";
export { defaultGrounder, resolveGrounder } from "./grounders.js";
export { ActionHadNoEffectError, SCREEN_CHANGE_DEFAULTS } from "./screen-change.js";
export { ZOOM_REFINE_DEFAULTS } from "./zoom-refine.js";
export { REPORT_DEFAULTS } from "./report.js";
export type { TraceStep } from "./report.js";
