/**
 * The CLI's command modules, each loaded when its command runs: `rgo rules list` must not load the
 * engine, the input readers or exceljs (about 0.3 s). CommonJS `require` because the CLI is
 * compiled to CommonJS and the tests run it in-process under jest, where `import()` is unavailable.
 */
import type * as AnalyzeModule from "./commands/analyze";
import type * as BacktestModule from "./commands/backtest";
import type * as RulesModule from "./commands/rules";
import type * as SampleModule from "./commands/sample";

interface CommandModules {
  analyze: typeof AnalyzeModule;
  backtest: typeof BacktestModule;
  rules: typeof RulesModule;
  sample: typeof SampleModule;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above */
const LOADERS: { [K in keyof CommandModules]: () => CommandModules[K] } = {
  analyze: () => require("./commands/analyze") as typeof AnalyzeModule,
  backtest: () => require("./commands/backtest") as typeof BacktestModule,
  rules: () => require("./commands/rules") as typeof RulesModule,
  sample: () => require("./commands/sample") as typeof SampleModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The module of a command, loaded on first use. */
export function loadCommand<K extends keyof CommandModules>(name: K): CommandModules[K] {
  return LOADERS[name]();
}
