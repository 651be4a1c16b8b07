/**
 * The model runtime's public API: model packages (verify, pull), the MolmoPoint model and its
 * Grounder. OCR exports live in `./ocr/`.
 */
export { createMolmoPointGrounder, MolmoPointGrounder } from "./molmopoint/molmopoint-grounder.js";
export type { MolmoPointGrounderOptions, MolmoPointLocateOptions, MolmoPointLocateResult } from "./molmopoint/molmopoint-grounder.js";
export { MolmoPointModel } from "./molmopoint/molmopoint-model.js";
export type { GenerateOptions, GenerationStepRecord, GenerationTrace, ImageInputs, LoadMolmoPointOptions } from "./molmopoint/molmopoint-model.js";
export type { VisionOutputs } from "./molmopoint/graph-runner.js";
export { loadModelPackage, MANIFEST_FILE, parseModelManifest, readModelManifest, verifyModelPackage } from "./model-package/load-model-package.js";
export type { FileCheck, LoadModelPackageOptions, ModelPackage, PackageCheck, PackageVerification } from "./model-package/load-model-package.js";
export { MODEL_PACKAGE_FORMAT, MODEL_PACKAGE_FORMAT_VERSION, modelManifestSchema } from "./model-package/model-manifest.js";
export type { GraphIo, ModelManifest, ModelPackageFile } from "./model-package/model-manifest.js";
export { defaultModelCacheDirectory, pullModelPackage } from "./model-pull/pull-model-package.js";
export type { PulledFile, PullOptions, PullResult } from "./model-pull/pull-model-package.js";
export type { DownloadProgress } from "./model-pull/resumable-download.js";
export type { ExecutionDevice, SessionOptions } from "./sessions/onnx-session.js";
export { buildPromptIds, loadTextTokenizer } from "./tokenizer/prompt-tokenizer.js";
export type { PromptIds, TextTokenizer } from "./tokenizer/prompt-tokenizer.js";
