import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isCancelled, isRgoError } from "../engine/errors";
import { usageError } from "./cli-error";
import { loadCommand } from "./commands";
import { processOutput, type CliOutput } from "./output";
import { describeWriteError } from "./output-safety/output-safety";
import { USAGE } from "./usage";

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_BAD_INPUT = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl+C. */
const EXIT_CANCELLED = 130;

function version(): string {
  // package.json sits two levels above both dist/cli/main.js and src/cli/main.ts.
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Node system calls whose failure means a file could not be written. */
const WRITE_SYSCALLS = new Set([
  "open",
  "write",
  "mkdir",
  "rename",
  "copyfile",
  "fsync",
  "ftruncate",
]);

/** Maps a failure to the CLI contract: RgoError input/rules -> 2, cancelled -> 130, else 1. */
export function reportFailure(e: unknown, io: CliOutput): number {
  if (isCancelled(e)) {
    io.err("rgo: cancelled\n");
    return EXIT_CANCELLED;
  }
  if (isRgoError(e) && (e.kind === "input" || e.kind === "rules")) {
    io.err(`rgo: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // A file system refusal the command did not expect (permissions, full disk, a folder where a
  // file should be, ...) is the user's situation, not our bug.
  const { path, syscall } = (e ?? {}) as { path?: unknown; syscall?: unknown };
  const writing = typeof syscall === "string" && WRITE_SYSCALLS.has(syscall);
  const environment = writing && typeof path === "string" ? describeWriteError(e, path) : null;
  if (environment !== null) {
    io.err(`rgo: ${environment.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    io.err(`rgo: ${(e as Error).message}\nRun "rgo --help" for usage.\n`);
    return EXIT_BAD_INPUT;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.err(`rgo: internal error (please report it): ${detail}\n`);
  return EXIT_INTERNAL;
}

/** Entry point of the `rgo` command; returns the exit code (never calls process.exit). */
export async function main(argv: string[], io: CliOutput = processOutput): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
      case "--version":
      case "-v":
        io.out(`${version()}\n`);
        return EXIT_OK;
      // Each command's module (and what it needs: the engine, the readers, exceljs) loads only
      // when that command runs, so `rgo rules list` starts without them (commands.ts).
      case "analyze":
        return await loadCommand("analyze").analyzeCommand(rest, io, controller.signal);
      case "backtest":
        return await loadCommand("backtest").backtestCommand(rest, io, controller.signal);
      case "rules":
        return await loadCommand("rules").rulesCommand(rest, io);
      case "sample":
        return await loadCommand("sample").sampleCommand(rest, io);
      default:
        throw usageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return reportFailure(e, io);
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
