/**
 * The pane's asynchronous actions, between the UI, the workbook host and the engine worker:
 * refresh the sheets, check the data, run (read -> engine -> write, with progress and Cancel),
 * drill into a customer, save / load the rule pack, write sample data. The UI calls these; they
 * only dispatch reducer actions, so the same code runs in Excel and in the preview.
 */
import { addInStorage } from "./narrative-config";
import { NarrativeSession } from "./narrative-session";
import { previousFromHost } from "../../workbook/previous-results-reader";
import type { Role } from "../../engine/input/role";
import type { WorkbookHost, TableSource } from "../../workbook/workbook-host";
import { isStagedInWorker, type EngineClient, type RunParams } from "../worker-client";
import type { PackCheck } from "../worker/protocol";
import { readForEngine } from "./engine-input";
import { fixForError } from "./pack-fix";
import { packDisplayName } from "./pack-name";
import type { PaneAction, PaneState } from "./pane-state";
import { paneFields, runBlocker } from "./run-blocker";
import { guessRoles, ROLE_LABELS, sourceOptions } from "./role-guess";

/** The Data step's period and week start as the worker takes them (absent: as the data say). */
export function periodChoice(state: PaneState): Pick<RunParams, "period" | "weekStart"> {
  return {
    ...(state.period !== null ? { period: state.period } : {}),
    ...(state.weekStart !== null ? { weekStart: state.weekStart } : {}),
  };
}

/** The Data step's currency as the worker takes it (absent: the pack's, else the data's). */
function currencyChoice(state: PaneState): Pick<RunParams, "currency"> {
  return state.currency !== null ? { currency: state.currency } : {};
}

/** What the preview exposes for the e2e figures (window.__rgo). */
export interface RgoProbe {
  lastRun: { ms: number; customers: number } | null;
}

/** "line 3, column 5: message" (or just the message when the error has no position). */
export function packErrorText(e: {
  line: number | null;
  column: number | null;
  message: string;
}): string {
  return e.line !== null && e.column !== null
    ? `line ${e.line}, column ${e.column}: ${e.message}`
    : e.message;
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class PaneController {
  private abort: AbortController | null = null;
  /** The optional AI narrative (settings, confirmation, drill-down texts): narrative-session.ts. */
  readonly narrative = new NarrativeSession(addInStorage());

  constructor(
    private readonly host: WorkbookHost,
    private readonly client: EngineClient | null,
    private readonly dispatch: (a: PaneAction) => void,
    private readonly getState: () => PaneState,
    private readonly probe: RgoProbe | null = null,
  ) {}

  /** Lists the sheets again and guesses the roles (keeps choices that still exist). */
  async refreshSheets(): Promise<void> {
    const sheets = await this.host.listSheets();
    this.dispatch({ type: "sheets-loaded", sheets, guess: guessRoles(sourceOptions(sheets)) });
  }

  /** The chosen sources, and role -> name the host reads each under. */
  private chosen(): { sources: TableSource[]; tableForRole: Partial<Record<Role, string>> } {
    const options = sourceOptions(this.getState().sheets);
    const sources: TableSource[] = [];
    const tableForRole: Partial<Record<Role, string>> = {};
    for (const { role } of ROLE_LABELS) {
      const key = this.getState().sources[role];
      const o = options.find((x) => x.key === key);
      if (o === undefined) continue;
      if (!sources.some((s) => JSON.stringify(s) === JSON.stringify(o.source)))
        sources.push(o.source);
      tableForRole[role] = o.name;
    }
    return { sources, tableForRole };
  }

  /** Dry run of the input stage on the chosen sources (Data step's validation summary). */
  async checkData(): Promise<void> {
    if (this.client === null) return;
    this.dispatch({ type: "validation-start" });
    const { sources, tableForRole } = this.chosen();
    try {
      const workbook = await readForEngine(this.host, sources);
      this.dispatch({
        type: "validation-done",
        report: await this.client.validate(workbook, {
          tableForRole,
          columns: this.getState().columns,
          ...periodChoice(this.getState()),
          ...currencyChoice(this.getState()),
        }),
      });
    } catch (e) {
      this.dispatch({
        type: "validation-done",
        report: {
          roles: {},
          counts: { customers: 0, salesRows: 0, weeks: 0, stockRows: 0 },
          issues: [],
          issueCount: 0,
          blocking: { code: "unreadable", message: e instanceof Error ? e.message : String(e) },
        },
      });
    }
  }

  /**
   * Validates the editor's text in the worker (the Rules step calls this debounced); a result for
   * text that has changed meanwhile is dropped by the reducer.
   */
  async checkPack(text: string): Promise<PackCheck | null> {
    if (this.client === null) return null;
    const r = await this.client.checkPack(text);
    this.dispatch({ type: "pack-checked", text, errors: r.ok ? [] : r.errors });
    return r;
  }

  /** Read the chosen sources, run the engine in the worker, write the result sheets. */
  async run(): Promise<void> {
    const state = this.getState();
    if (this.client === null) {
      this.dispatch({
        type: "run-failed",
        message: "Failed: this browser cannot start the engine (no Web Workers).",
      });
      return;
    }
    // A thresholds field the form refuses stops the run here, naming the field.
    const blocked = runBlocker(state);
    if (blocked !== null) {
      this.dispatch({ type: "run-failed", message: blocked.message, fix: blocked.fix });
      return;
    }
    const packName = packDisplayName(state.preset, state.packText, state.packBase);
    // The worker validates the pack (compiling the schema here would block the pane).
    const t0 = clock();
    const abort = new AbortController();
    this.abort = abort;
    this.dispatch({ type: "run-start" });
    try {
      const { sources, tableForRole } = this.chosen();
      if (!sources.length) {
        this.dispatch({
          type: "run-failed",
          message: "Failed: no sheet is chosen for weekly sales. Pick one in the Data step.",
        });
        return;
      }
      const read = await readForEngine(
        this.host,
        sources,
        (p) =>
          this.dispatch({
            type: "run-progress",
            status: "reading",
            stage: p.target ? `Reading ${p.target}` : "Reading the workbook",
            done: p.done,
            total: p.total,
          }),
        abort.signal,
      );
      if (abort.signal.aborted) {
        this.dispatch({ type: "run-cancelled" });
        return;
      }
      this.dispatch({
        type: "run-progress",
        status: "running",
        stage: "Sending the tables to the engine",
        done: 0,
        total: 1,
      });
      // The weekly loop: the workbook's own RGO History / Actions / Customers, read before the
      // run replaces them.
      const previous = await previousFromHost(this.host);
      const narrativeConfig = await this.narrative.config();
      // The tables go as read; the user's column choices travel beside them as data.
      const outcome = await this.client.run(
        read,
        {
          pack: state.packText,
          runAt: new Date().toISOString(),
          tableForRole,
          columns: state.columns,
          ...currencyChoice(state),
          ...periodChoice(state),
          ...(state.asOf !== null ? { asOf: state.asOf } : {}),
          ...(previous !== undefined ? { previous } : {}),
          ...(narrativeConfig.enabled ? { narrative: true } : {}),
          // The worker writes the run's own book and keeps its rows (the sheet view fetches the
          // rows it shows): unless the narrative makes a new book here, which must carry them.
          ...(isStagedInWorker(read) && !narrativeConfig.enabled ? { holdRows: true } : {}),
        },
        (p) =>
          this.dispatch({
            type: "run-progress",
            status: "running",
            stage: p.stage,
            done: p.done,
            total: p.total,
          }),
        abort.signal,
      );
      if (outcome.kind === "cancelled" || abort.signal.aborted) {
        this.dispatch({ type: "run-cancelled" });
        return;
      }
      if (outcome.kind === "invalid-pack") {
        this.dispatch({ type: "pack-checked", text: state.packText, errors: outcome.errors });
        this.dispatch({
          type: "run-failed",
          message: `Failed: the rule pack has errors (${packErrorText(outcome.errors[0])}).`,
          fix: fixForError(outcome.errors[0], paneFields(state)),
        });
        return;
      }
      if (outcome.kind === "failed") {
        this.dispatch({ type: "run-failed", message: `Failed: ${outcome.message}` });
        return;
      }
      if (narrativeConfig.enabled)
        this.dispatch({
          type: "run-progress",
          status: "running",
          stage: "Drafting the AI narrative",
          done: 0,
          total: 1,
        });
      const written = await this.narrative.apply(outcome, narrativeConfig, abort.signal);
      this.abort = null; // Writing is not cancellable: the results go in whole.
      const report = await this.host.writeResults(written.book, (p) =>
        this.dispatch({
          type: "run-progress",
          status: "writing",
          stage: p.target ? `Writing ${p.target}` : "Writing the results",
          done: p.done,
          total: p.total,
        }),
      );
      const ms = clock() - t0;
      if (this.probe !== null)
        this.probe.lastRun = { ms, customers: outcome.summary.summary.customersAnalyzed };
      this.dispatch({
        type: "run-done",
        summary: written.summary,
        sheets: report.sheets,
        drill: outcome.drill,
        ms,
        packName,
        finishedAt: new Date().toISOString(),
      });
      await this.refreshSheets();
    } catch (e) {
      if (abort.signal.aborted) this.dispatch({ type: "run-cancelled" });
      else
        this.dispatch({
          type: "run-failed",
          message: `Failed: ${e instanceof Error ? e.message : String(e)}`,
        });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  /** Cancels reading or the engine run (no-op once writing has started). */
  cancel(): void {
    this.abort?.abort();
  }

  /** Shows one customer in the Drill-down step. */
  async selectCustomer(customerId: string | null): Promise<void> {
    this.dispatch({ type: "drill-select", customerId });
    if (customerId === null || this.client === null) return;
    const detail = await this.client.customer(customerId);
    this.dispatch({ type: "drill-loaded", customerId, detail });
  }

  /** Saves the editor's pack on the RGO Rules sheet (only a valid pack). */
  async saveRules(): Promise<void> {
    const text = this.getState().packText;
    const r = await this.checkPack(text);
    if (r === null || !r.ok) {
      this.dispatch({
        type: "rules-message",
        message:
          r === null
            ? "Not saved: this browser cannot start the engine (no Web Workers)."
            : "Not saved: fix the errors first.",
      });
      return;
    }
    try {
      await this.host.writeRulesText(text, r.name, r.version, r.hash);
      this.dispatch({
        type: "rules-message",
        message: `Saved "${r.name}" to the RGO Rules sheet.`,
      });
      await this.refreshSheets();
    } catch (e) {
      this.dispatch({
        type: "rules-message",
        message: `Not saved: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  /** Loads the pack stored on the RGO Rules sheet into the editor. */
  async loadRules(): Promise<void> {
    try {
      const text = await this.host.readRulesText();
      if (text === null) {
        this.dispatch({
          type: "rules-message",
          message: "This workbook has no rule pack on an RGO Rules sheet.",
        });
        return;
      }
      this.dispatch({ type: "set-pack", preset: "workbook", text });
      this.checkPack(text);
      this.dispatch({
        type: "rules-message",
        message: "Loaded the rule pack from the RGO Rules sheet.",
      });
    } catch (e) {
      this.dispatch({
        type: "rules-message",
        message: `Not loaded: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  /** Generates sample tables in the worker and writes them into new sheets; true when written. */
  async writeSample(customers: number, weeks: number): Promise<boolean> {
    if (this.client === null) return false;
    this.dispatch({ type: "sample-start" });
    try {
      const tables = await this.client.sample({ customers, weeks, seed: 42 });
      const names = await this.host.writeSampleSheets(tables);
      const rows = tables.reduce((n, t) => n + t.rows.length, 0);
      this.dispatch({
        type: "sample-done",
        message: `Wrote ${names.join(", ")} (${rows.toLocaleString("en-US")} rows). Go to Run and press Run analysis.`,
      });
      await this.refreshSheets();
      return true;
    } catch (e) {
      this.dispatch({
        type: "sample-failed",
        message: `Failed: ${e instanceof Error ? e.message : String(e)}`,
      });
      return false;
    }
  }
}
