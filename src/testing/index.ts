/**
 * `groundpoint/testing`: helpers for testing code built on groundpoint without a model or a
 * screen: a scripted grounder and an in-memory device.
 */
export { createScriptedGrounder } from "./scripted-grounder.js";
export type { ScriptedAnswer, ScriptedEntry, ScriptedGrounder, ScriptedGrounderCall, ScriptedGrounderOptions } from "./scripted-grounder.js";
export { MemoryDevice } from "./memory-device.js";
export type { MemoryAction, MemoryDeviceOptions, MemoryElement } from "./memory-device.js";
