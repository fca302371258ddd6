/**
 * The task pane's state and its reducer (no state library): which step is shown, the workbook's
 * sheets and the role choices, the data check, the rule-pack text with its errors, the run with
 * its progress and headline figures, the drill-down and the sample step.
 */
import type { PeriodUnit, WeekStartName } from "../../engine/input/period";
import type { Role } from "../../engine/input/role";
import type { SummaryJson } from "../../engine/report/summary-json";
import type { PackError } from "../../rules/pack-error";
import type { SheetInfo } from "../../workbook/workbook-host";
import type { CustomerDetail, DrillIndex, ValidationReport } from "../worker/protocol";
import type { ColumnChoices } from "./column-choice";
import type { PackFix } from "./pack-fix";

export type TabId = "data" | "rules" | "run" | "drill" | "sample";

export type RunStatus =
  "idle" | "reading" | "running" | "writing" | "done" | "cancelled" | "failed";

export interface RunState {
  status: RunStatus;
  stage: string;
  done: number;
  total: number;
  /** Plain sentence for the status line (failure reason, cancellation note). */
  message: string;
  summary: SummaryJson | null;
  /** Result sheets written by the last successful run. */
  sheets: string[];
  drill: DrillIndex | null;
  /** Wall time of the last successful run (read + engine + write), ms. */
  ms: number;
  /** Pack the figures come from ("seed-tier2 (modified)"), and when that run ended (ISO). */
  packName: string;
  finishedAt: string | null;
  /** Where to fix the rule pack that stopped the last run, or null. */
  fix: PackFix | null;
}

export interface PaneState {
  tab: TabId;
  sheets: SheetInfo[];
  sheetsLoaded: boolean;
  /** Role -> chosen source key ("sheet:<name>" / "table:<name>"), absent = none. */
  sources: Partial<Record<Role, string>>;
  /**
   * Role -> the user's column choices for that role's source (field key -> header or null for
   * "(none)"). Kept across runs; dropped when the role's source changes.
   */
  columns: ColumnChoices;
  /** ISO code chosen in the Data step; null: as the pack or the data say (else USD). */
  currency: string | null;
  /** Weeks or months chosen in the Data step; null: as the dates say (period.ts detection). */
  period: PeriodUnit | null;
  /** Week start chosen in the Data step; null: the data's own weekday (weekly) or Monday. */
  weekStart: WeekStartName | null;
  /** As-of date chosen in the Run step (ISO date), or null: all the data. */
  asOf: string | null;
  validation: { status: "idle" | "checking" | "done"; report: ValidationReport | null };
  preset: string;
  packText: string;
  /** The text the preset (or the RGO Rules sheet) gave: the editor's text differs once edited. */
  packBase: string;
  /** Form fields whose typed text is not a number (pointer -> label), so not in the JSON. */
  draftProblems: Record<string, string>;
  /** A place in the Rules step to move the focus to (consumed by the step), or null. */
  rulesFocus: PackFix | null;
  packErrors: PackError[];
  rulesMessage: string;
  run: RunState;
  drill: { customerId: string | null; detail: CustomerDetail | null; loading: boolean };
  sample: { status: "idle" | "working" | "done" | "failed"; message: string };
}

export type PaneAction =
  | { type: "set-tab"; tab: TabId }
  | { type: "sheets-loaded"; sheets: SheetInfo[]; guess: Partial<Record<Role, string>> }
  | { type: "set-source"; role: Role; key: string | null }
  | { type: "set-column"; role: Role; field: string; header: string | null }
  | { type: "reset-columns"; role: Role }
  | { type: "set-currency"; currency: string | null }
  | { type: "set-period"; period: PeriodUnit | null }
  | { type: "set-week-start"; weekStart: WeekStartName | null }
  | { type: "set-as-of"; asOf: string | null }
  | { type: "validation-start" }
  | { type: "validation-done"; report: ValidationReport }
  | { type: "set-pack"; preset: string; text: string }
  | { type: "edit-pack"; text: string }
  | { type: "pack-checked"; text: string; errors: PackError[] }
  | { type: "rules-message"; message: string }
  | { type: "threshold-draft"; pointer: string; label: string | null }
  | { type: "go-to-fix"; fix: PackFix }
  | { type: "rules-focused" }
  | { type: "run-start" }
  | {
      type: "run-progress";
      status: "reading" | "running" | "writing";
      stage: string;
      done: number;
      total: number;
    }
  | {
      type: "run-done";
      summary: SummaryJson;
      sheets: string[];
      drill: DrillIndex;
      ms: number;
      packName: string;
      finishedAt: string;
    }
  | { type: "run-cancelled" }
  | { type: "run-failed"; message: string; fix?: PackFix | null }
  | { type: "drill-select"; customerId: string | null }
  | { type: "drill-loaded"; customerId: string; detail: CustomerDetail | null }
  | { type: "sample-start" }
  | { type: "sample-done"; message: string }
  | { type: "sample-failed"; message: string };

const IDLE_RUN: RunState = {
  status: "idle",
  stage: "",
  done: 0,
  total: 0,
  message: "",
  summary: null,
  sheets: [],
  drill: null,
  ms: 0,
  packName: "",
  finishedAt: null,
  fix: null,
};

/** "10:42" (24-hour, the pane's local time) of an ISO time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** "the run at 10:42 with seed-tier2" of the figures shown, or null before any run. */
export function figuresSource(run: RunState): string | null {
  return run.finishedAt === null
    ? null
    : `the run at ${clockTime(run.finishedAt)} with ${run.packName}`;
}

/** The state of a freshly opened pane with the given rule pack text. */
export function initialState(preset: string, packText: string): PaneState {
  return {
    tab: "data",
    sheets: [],
    sheetsLoaded: false,
    sources: {},
    columns: {},
    currency: null,
    period: null,
    weekStart: null,
    asOf: null,
    validation: { status: "idle", report: null },
    preset,
    packText,
    packBase: packText,
    draftProblems: {},
    rulesFocus: null,
    packErrors: [],
    rulesMessage: "",
    run: IDLE_RUN,
    drill: { customerId: null, detail: null, loading: false },
    sample: { status: "idle", message: "" },
  };
}

/** The status line after a cancel: a re-run names the run whose figures stay on show. */
function cancelledText(run: RunState): string {
  const source = run.summary === null ? null : figuresSource(run);
  return source === null
    ? "Cancelled: the workbook was not changed."
    : `Re-run cancelled: the figures below are from ${source}.`;
}

/** Whether a run is in progress (Run disabled, Cancel enabled). */
export function isRunning(s: PaneState): boolean {
  return s.run.status === "reading" || s.run.status === "running" || s.run.status === "writing";
}

/** The column choices of the roles whose source is unchanged (a new source starts afresh). */
function keepColumns(state: PaneState, sources: Partial<Record<Role, string>>): ColumnChoices {
  const out: ColumnChoices = {};
  for (const [role, choice] of Object.entries(state.columns) as [Role, ColumnChoices[Role]][])
    if (
      choice !== undefined &&
      sources[role] !== undefined &&
      sources[role] === state.sources[role]
    )
      out[role] = choice;
  return out;
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "set-tab":
      return { ...state, tab: action.tab };
    case "sheets-loaded": {
      // Keep the user's choices that still exist; fill the rest from the guess.
      const sources: Partial<Record<Role, string>> = { ...action.guess };
      for (const [role, key] of Object.entries(state.sources) as [Role, string][]) {
        const exists = action.sheets.some(
          (s) => `sheet:${s.name}` === key || s.tables.some((t) => `table:${t.name}` === key),
        );
        if (exists) sources[role] = key;
      }
      return {
        ...state,
        sheets: action.sheets,
        sheetsLoaded: true,
        sources,
        columns: keepColumns(state, sources),
      };
    }
    case "set-source": {
      const sources = { ...state.sources };
      if (action.key === null) delete sources[action.role];
      else sources[action.role] = action.key;
      return {
        ...state,
        sources,
        columns: keepColumns(state, sources),
        validation: { status: "idle", report: null },
      };
    }
    case "set-column": {
      const choice = { ...(state.columns[action.role] ?? {}), [action.field]: action.header };
      return {
        ...state,
        columns: { ...state.columns, [action.role]: choice },
        validation: { status: "idle", report: null },
      };
    }
    case "set-currency":
      return { ...state, currency: action.currency };
    // The data check counts periods: a new choice makes the last check stale.
    case "set-period":
      return { ...state, period: action.period, validation: { status: "idle", report: null } };
    case "set-week-start":
      return {
        ...state,
        weekStart: action.weekStart,
        validation: { status: "idle", report: null },
      };
    case "set-as-of":
      return { ...state, asOf: action.asOf };
    case "reset-columns": {
      if (state.columns[action.role] === undefined) return state;
      const columns = { ...state.columns };
      delete columns[action.role];
      return { ...state, columns, validation: { status: "idle", report: null } };
    }
    case "validation-start":
      return { ...state, validation: { status: "checking", report: state.validation.report } };
    case "validation-done":
      return { ...state, validation: { status: "done", report: action.report } };
    case "set-pack":
      return {
        ...state,
        preset: action.preset,
        packText: action.text,
        packBase: action.text,
        draftProblems: {},
        packErrors: [],
        rulesMessage: "",
      };
    case "edit-pack":
      return { ...state, packText: action.text };
    case "pack-checked":
      // A check of text that has since changed is stale: ignore it.
      return action.text === state.packText ? { ...state, packErrors: action.errors } : state;
    case "rules-message":
      return { ...state, rulesMessage: action.message };
    case "threshold-draft": {
      if ((state.draftProblems[action.pointer] ?? null) === action.label) return state;
      const draftProblems = { ...state.draftProblems };
      if (action.label === null) delete draftProblems[action.pointer];
      else draftProblems[action.pointer] = action.label;
      return { ...state, draftProblems };
    }
    case "go-to-fix":
      return { ...state, tab: "rules", rulesFocus: action.fix };
    case "rules-focused":
      return { ...state, rulesFocus: null };
    case "run-start":
      return {
        ...state,
        run: {
          ...IDLE_RUN,
          status: "reading",
          stage: "Reading the workbook",
          summary: state.run.summary,
          sheets: state.run.sheets,
          drill: state.run.drill,
          ms: state.run.ms,
          packName: state.run.packName,
          finishedAt: state.run.finishedAt,
        },
      };
    case "run-progress":
      if (!isRunning(state)) return state;
      return {
        ...state,
        run: {
          ...state.run,
          status: action.status,
          stage: action.stage,
          done: action.done,
          total: action.total,
        },
      };
    case "run-done":
      return {
        ...state,
        run: {
          status: "done",
          stage: "Done",
          done: 1,
          total: 1,
          message: "",
          summary: action.summary,
          sheets: action.sheets,
          drill: action.drill,
          ms: action.ms,
          packName: action.packName,
          finishedAt: action.finishedAt,
          fix: null,
        },
        drill: { customerId: null, detail: null, loading: false },
      };
    case "run-cancelled":
      return {
        ...state,
        run: {
          ...state.run,
          status: "cancelled",
          message: cancelledText(state.run),
        },
      };
    case "run-failed":
      return {
        ...state,
        run: { ...state.run, status: "failed", message: action.message, fix: action.fix ?? null },
      };
    case "drill-select":
      return {
        ...state,
        drill: { customerId: action.customerId, detail: null, loading: action.customerId !== null },
      };
    case "drill-loaded":
      if (action.customerId !== state.drill.customerId) return state;
      return {
        ...state,
        drill: { customerId: action.customerId, detail: action.detail, loading: false },
      };
    case "sample-start":
      return { ...state, sample: { status: "working", message: "Generating the sample…" } };
    case "sample-done":
      return { ...state, sample: { status: "done", message: action.message } };
    case "sample-failed":
      return { ...state, sample: { status: "failed", message: action.message } };
  }
}
