/** The OCR engine's public API: PaddleOCR v4 detection + recognition on onnxruntime-node. */
export { OcrEngine } from "./ocr-engine.js";
export type { OcrEngineOptions, OcrReadOptions } from "./ocr-engine.js";
export type { OcrCharacter, OcrLine, OcrResult, OcrWord } from "./ocr-types.js";
export type { DbOptions } from "./db-postprocess.js";
export type { RecognizerBatching } from "./text-recognizer.js";
