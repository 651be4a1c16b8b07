/** Grounders that need no learned grounding model: the OCR text grounder and its pure text matcher; the remote-service client. */
export { createOcrGrounder, OcrGrounder } from "./ocr-grounder.js";
export type { OcrGrounderOptions } from "./ocr-grounder.js";
export { normalizeText, parseInstruction } from "./instruction-text.js";
export type { TargetText } from "./instruction-text.js";
export { editDistance, matchTarget, similarity } from "./text-match.js";
export type { ScreenWord, TextMatch } from "./text-match.js";
export { createRemoteGrounder, remoteLocateRequestSchema, remoteLocateResponseSchema, remoteLocateUrl } from "./remote-grounder.js";
export type { RemoteGrounderOptions } from "./remote-grounder.js";
export { CascadeGrounder, createCascadeGrounder } from "./cascade-grounder.js";
export type { CascadeGrounderOptions, CascadeStage } from "./cascade-grounder.js";
