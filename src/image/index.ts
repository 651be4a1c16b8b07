/** Image decoding and encoding (sharp). */
export {
  decodeImage,
  encodeImage,
  sniffImageFormat,
  DEFAULT_MAX_PIXELS,
  type DecodeImageOptions,
  type EncodeImageOptions,
  type ImageFormat,
} from "./decode-image.js";
