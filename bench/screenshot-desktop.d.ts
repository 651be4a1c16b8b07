// The part of screenshot-desktop's API the capture bench compares against (the package ships no types).
declare module "screenshot-desktop" {
  interface ScreenshotDesktopOptions {
    format?: "png" | "jpg";
    screen?: string | number;
  }
  function screenshot(options?: ScreenshotDesktopOptions): Promise<Buffer>;
  export default screenshot;
}
