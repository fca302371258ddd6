/**
 * The period a run was asked for (RunOptions.period / weekStart: --period, --week-start, the
 * pane's Data step), checked, and the one info notice naming the period the run analyses
 * (input/period.ts periodNotice).
 */
import type { RulePack } from "../../rules/rule-pack";
import { RgoError } from "../errors";
import type { Issue } from "../issue";
import type { Dataset } from "../input/dataset";
import {
  periodNotice,
  type PeriodUnit,
  WEEK_START_NAMES,
  WEEKDAY_OF_START,
  type WeekStartName,
} from "../input/period";
import { periodParameters } from "../parameters/period-parameters";
import type { PackParameters } from "../parameters/pack-parameters";

/** "week" / "month" from a user's text, else RgoError("input", "bad-period"). */
export function parsePeriod(text: string): PeriodUnit {
  const t = text.trim().toLowerCase();
  if (t === "week" || t === "weeks" || t === "weekly") return "week";
  if (t === "month" || t === "months" || t === "monthly") return "month";
  throw new RgoError(
    "input",
    "bad-period",
    `Period "${text}" is not one of the choices: give week or month.`,
  );
}

/** Weekday number (0 = Monday) of a week-start name, else RgoError("input", "bad-period"). */
export function parseWeekStart(text: string): number {
  const t = text.trim().toLowerCase();
  const name = WEEK_START_NAMES.find((n) => n === t || n.slice(0, 3) === t);
  if (name === undefined)
    throw new RgoError(
      "input",
      "bad-period",
      `Week start "${text}" is not one of the choices: give monday, sunday or saturday.`,
    );
  return WEEKDAY_OF_START[name as WeekStartName];
}

/** The buildDataset options for the run's chosen period and week start. */
export function chosenPeriod(options: { period?: string; weekStart?: string }): {
  period?: PeriodUnit;
  weekStart?: number;
} {
  return {
    ...(options.period !== undefined ? { period: parsePeriod(options.period) } : {}),
    ...(options.weekStart !== undefined ? { weekStart: parseWeekStart(options.weekStart) } : {}),
  };
}

/**
 * The info notice naming the run's period ("monthly data: 18 months, windows of 3 and 1
 * months (baseline and current)"), or null. It is given for monthly runs and whenever the user
 * chose the period or week start; a weekly run on its detected weeks gets none, so its RGO Issues
 * sheet is what it always was (the CLI headline and the pane show the period of every run).
 */
export function runPeriodNotice(dataset: Dataset, pack: RulePack): Issue | null {
  const period = dataset.calendar.period;
  if (period === undefined || dataset.sales.weeks === 0) return null;
  if (period.unit === "week" && !period.chosen) return null;
  const p = pack.parameters as unknown as Partial<PackParameters>;
  const windows =
    p.windows !== undefined && p.churn !== undefined
      ? periodParameters(p as PackParameters, period.unit).windows
      : null;
  return {
    severity: "info",
    code: "period",
    sheet: "",
    row: null,
    column: null,
    message: `Period: ${periodNotice(
      period,
      dataset.sales.weeks,
      windows === null ? null : { baseline: windows.baselineWeeks, current: windows.currentWeeks },
    )}`,
  };
}

/** The run's period in words for the CLI headline and the pane ("weekly data, weeks starting Saturday: 13 weeks."), or undefined without sales. */
export function describePeriod(dataset: Dataset): string | undefined {
  const period = dataset.calendar.period;
  if (period === undefined || dataset.sales.weeks === 0) return undefined;
  return periodNotice(period, dataset.sales.weeks, null);
}
