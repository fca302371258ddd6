/**
 * `rgo` in a child Node process without a build: the script for `node -e`, which transpiles the
 * TypeScript sources on require and calls src/cli/main.ts with the process's arguments.
 */
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");

export const TRANSPILED_CLI = `
const ts = require(${JSON.stringify(join(ROOT, "node_modules/typescript"))});
const fs = require("fs");
require.extensions[".ts"] = (m, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  m._compile(out.outputText, file);
};
require(${JSON.stringify(join(ROOT, "src/cli/main.ts"))}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; });
`;
