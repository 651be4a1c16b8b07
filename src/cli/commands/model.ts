import { InvalidInputError } from "../../core/errors.js";
import { verifyModelPackage } from "../../runtime/model-package/load-model-package.js";
import { formatByteCount } from "../../runtime/model-pull/format-bytes.js";
import { defaultModelCacheDirectory, pullModelPackage } from "../../runtime/model-pull/pull-model-package.js";
import type { CliCommand, CliIo } from "../run-cli.js";
import { parseCommandLine } from "./agent-command-options.js";
import { createProgressBar } from "./model-progress.js";

const help = `Usage:
  groundpoint model verify <dir>
  groundpoint model pull <manifest-url> [--sha256 HEX] [--cache DIR] [--quiet]

verify  Checks a model package folder: manifest.json (schema, format version, cross-references),
        then every listed file's presence, size and SHA-256. Prints one line per file; exit 0 when
        all are OK, 1 otherwise.

pull    Downloads a package given the URL of its manifest.json; each file listed there is fetched
        relative to that URL. An interrupted file resumes with an HTTP Range request (3 attempts,
        and again on the next pull); every file is checked against the manifest's size and
        SHA-256 before it is kept, and complete files are reused. Progress goes to stderr; the
        package folder is printed on stdout. Exit 0 when the package is complete, 1 otherwise.
  --sha256 HEX  expected SHA-256 of manifest.json (pins the whole package)
  --cache DIR   cache folder (default: $GROUNDPOINT_CACHE, else $XDG_CACHE_HOME/groundpoint/models,
                else ~/.cache/groundpoint/models); the package lands in DIR/<name>/<version>/
  --quiet       no progress output
`;

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandLine("model", { args: [...argv], allowPositionals: true, options: {} });
  const [directory, ...extra] = positionals;
  if (directory === undefined || extra.length > 0) throw new InvalidInputError("dir", "pass exactly one package folder: groundpoint model verify <dir>.");
  const result = await verifyModelPackage(directory);
  if (result.manifestError) {
    io.stdout(`FAIL manifest.json: ${result.manifestError.message}\n`);
    return 1;
  }
  io.stdout(`OK   manifest.json (${result.manifest?.name} ${result.manifest?.version}, formatVersion ${result.manifest?.formatVersion})\n`);
  for (const file of result.files) io.stdout(`${file.status === "ok" ? "OK  " : "FAIL"} ${file.file}: ${file.status === "ok" ? file.detail : `${file.status}: ${file.detail}`}\n`);
  const failed = result.files.filter((file) => file.status !== "ok").length;
  io.stdout(failed === 0 ? `package OK: ${result.files.length} files verified\n` : `package BROKEN: ${failed} of ${result.files.length} files failed\n`);
  return failed === 0 ? 0 : 1;
}

async function pull(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandLine("model", {
    args: [...argv],
    allowPositionals: true,
    options: { sha256: { type: "string" }, cache: { type: "string" }, quiet: { type: "boolean" } },
  });
  const [url, ...extra] = positionals;
  if (url === undefined || extra.length > 0) throw new InvalidInputError("url", "pass exactly one manifest URL: groundpoint model pull <manifest-url>.");
  const bar = createProgressBar({ write: (text) => io.stderr(text), isTty: process.stderr.isTTY === true });
  const cacheDirectory = values.cache ?? defaultModelCacheDirectory();
  const result = await pullModelPackage(url, {
    sha256: values.sha256,
    cacheDirectory,
    onProgress: values.quiet ? undefined : (progress) => bar.update(progress),
    onFile: (file) => {
      bar.finish();
      if (!values.quiet) io.stderr(`${file.status.padEnd(10)} ${file.file} (${formatByteCount(file.bytes)})\n`);
    },
  }).finally(() => bar.finish());
  io.stdout(`${result.directory}\n`);
  return 0;
}

/** `groundpoint model verify|pull`: check a package folder, download a package. */
export const modelCommand: CliCommand = {
  name: "model",
  summary: "verify a model package folder, or pull one from a URL",
  help,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action === "verify") return verify(rest, io);
    if (action === "pull") return pull(rest, io);
    io.stderr(`groundpoint model: unknown action ${JSON.stringify(action ?? "")}; use "verify" or "pull".\n\n${help}`);
    return 2;
  },
};
