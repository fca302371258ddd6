/** Data step: which sheet or table plays each role, the column mapping, and the data check. */
import {
  Button,
  Dropdown,
  Field,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import { choiceNotes, hasChoice } from "../state/column-choice";
import { dataCheckCounts } from "../state/data-check-text";
import { columnMapping, ROLE_LABELS, sourceOptions } from "../state/role-guess";
import { ColumnEditor } from "./ColumnEditor";
import { usePane } from "./pane-context";
import { formatCurrency, KNOWN_CURRENCIES } from "../../engine/currency";
import {
  periodWords,
  WEEK_START_NAMES,
  WEEKDAY_OF_START,
  weekdayName,
  type PeriodUnit,
  type WeekStartName,
} from "../../engine/input/period";

/** The period choices of the Data step (value -> label). */
const PERIOD_OPTIONS: readonly { value: PeriodUnit; label: string }[] = [
  { value: "week", label: "Weeks" },
  { value: "month", label: "Months" },
];

const isPeriod = (v: string | undefined): v is PeriodUnit => v === "week" || v === "month";
const isWeekStart = (v: string | undefined): v is WeekStartName =>
  (WEEK_START_NAMES as readonly (string | undefined)[]).includes(v);

/** The currency option that leaves the choice to the pack and the data. */
const FROM_DATA = "from-data";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  role: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  mapping: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  missing: { color: tokens.colorPaletteRedForeground1 },
  issues: { margin: 0, paddingLeft: "18px", overflowWrap: "anywhere" },
  dropdown: { minWidth: 0, width: "100%" },
});

const NONE = "(none)";

export function DataStep(): React.JSX.Element {
  const { state, dispatch, controller, host } = usePane();
  const s = useStyles();
  const options = useMemo(() => sourceOptions(state.sheets), [state.sheets]);
  const report = state.validation.report;
  const sourcesKey = JSON.stringify(state.sources);
  const columnsKey = JSON.stringify(state.columns);
  // Per role: the chosen source and the mapping the engine will use (the user's choices applied).
  const roles = ROLE_LABELS.map(({ role, label }) => {
    const chosen = options.find((o) => o.key === state.sources[role]);
    const choice = state.columns[role];
    const mapping = chosen ? columnMapping(role, chosen.header, choice) : [];
    const notes = chosen && hasChoice(choice) ? choiceNotes(role, chosen.header, choice) : [];
    const missing = mapping.filter(
      (m) => m.required && m.header === null && m.derived === undefined,
    );
    return { role, label, chosen, choice, mapping, notes, missing };
  });
  const rolesMissing = roles.filter((r) => r.missing.length > 0).map((r) => r.label);

  // The preview reads from memory: check the data as soon as the choice changes.
  useEffect(() => {
    if (
      host.kind === "preview" &&
      state.sheetsLoaded &&
      state.validation.status === "idle" &&
      options.length > 0
    )
      void controller.checkData();
  }, [sourcesKey, columnsKey, state.period, state.weekStart, state.sheetsLoaded, state.sheets]);

  const detected = report?.currency ?? null;
  const fromData =
    detected !== null
      ? `${detected}, as the data says (${formatCurrency(1234.5, detected)})`
      : "As the pack or the data say (else USD)";

  // The period the last check found (detected, or as chosen) and the choices' labels.
  const period = report?.period ?? null;
  const periodFromData =
    state.period === null && period !== null
      ? `As the dates say (${periodWords(period.unit).many})`
      : "As the dates say";
  const weekStartFromData =
    state.weekStart === null && period !== null && period.weekStart !== null
      ? `As the data says (${period.weekStart})`
      : "As the data says (else Monday)";
  const monthly = state.period === "month" || (state.period === null && period?.unit === "month");
  const startLabel = (n: WeekStartName): string => weekdayName(WEEKDAY_OF_START[n]);

  return (
    <div className={s.root}>
      {options.length === 0 && (
        <Text>
          {state.sheetsLoaded
            ? "No data sheets found. Open a workbook, or write sample data in the Sample data step."
            : "Looking at the workbook…"}
        </Text>
      )}
      {roles.map(({ role, label, chosen, choice, mapping, missing }) => {
        return (
          <div key={role} className={s.role}>
            <Field label={`${label} source`}>
              <Dropdown
                className={s.dropdown}
                aria-label={`${label} source`}
                value={chosen ? chosen.label : NONE}
                selectedOptions={[chosen ? chosen.key : NONE]}
                onOptionSelect={(_e, d) =>
                  dispatch({
                    type: "set-source",
                    role,
                    key:
                      d.optionValue === NONE || d.optionValue === undefined ? null : d.optionValue,
                  })
                }
              >
                <Option value={NONE}>{NONE}</Option>
                {options.map((o) => (
                  <Option key={o.key} value={o.key}>
                    {o.label}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Text data-testid={`role-${role}`} className={s.mapping}>
              {chosen === undefined
                ? role === "sales"
                  ? "Required: no weekly sales table chosen."
                  : "Not used."
                : `${chosen.rows.toLocaleString("en-US")} rows. ` +
                  mapping
                    .filter((m) => m.header !== null || m.required || m.chosen)
                    .map((m) =>
                      m.header === null && m.derived !== undefined
                        ? m.derived
                        : `${m.label} ← ${m.header ?? (m.required ? "missing" : "(none)")}${m.chosen ? " (chosen)" : ""}`,
                    )
                    .join("; ")}
              {missing.length > 0 && (
                <span className={s.missing}>
                  {" "}
                  Missing required: {missing.map((m) => m.label).join(", ")}.
                </span>
              )}
            </Text>
            {chosen !== undefined && (
              <ColumnEditor
                role={role}
                label={label}
                header={chosen.header}
                mapping={mapping}
                choice={choice}
              />
            )}
          </div>
        );
      })}
      <Field label="Currency">
        <Dropdown
          className={s.dropdown}
          aria-label="Currency"
          data-testid="currency"
          value={state.currency ?? fromData}
          selectedOptions={[state.currency ?? FROM_DATA]}
          onOptionSelect={(_e, d) =>
            dispatch({
              type: "set-currency",
              currency:
                d.optionValue === FROM_DATA || d.optionValue === undefined ? null : d.optionValue,
            })
          }
        >
          <Option value={FROM_DATA}>{fromData}</Option>
          {KNOWN_CURRENCIES.map((c) => (
            <Option key={c} value={c}>
              {`${c} (${formatCurrency(1234.5, c)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Period" hint="What one column of the analysis is: a week or a calendar month.">
        <Dropdown
          className={s.dropdown}
          aria-label="Period"
          data-testid="period"
          value={
            state.period === null
              ? periodFromData
              : (PERIOD_OPTIONS.find((o) => o.value === state.period)?.label ?? periodFromData)
          }
          selectedOptions={[state.period ?? FROM_DATA]}
          onOptionSelect={(_e, d) =>
            dispatch({ type: "set-period", period: isPeriod(d.optionValue) ? d.optionValue : null })
          }
        >
          <Option value={FROM_DATA}>{periodFromData}</Option>
          {PERIOD_OPTIONS.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label="Week start"
        hint={
          monthly ? "Months start on the 1st; the week start applies to weeks only." : undefined
        }
      >
        <Dropdown
          className={s.dropdown}
          aria-label="Week start"
          data-testid="week-start"
          disabled={monthly}
          value={state.weekStart === null ? weekStartFromData : startLabel(state.weekStart)}
          selectedOptions={[state.weekStart ?? FROM_DATA]}
          onOptionSelect={(_e, d) =>
            dispatch({
              type: "set-week-start",
              weekStart: isWeekStart(d.optionValue) ? d.optionValue : null,
            })
          }
        >
          <Option value={FROM_DATA}>{weekStartFromData}</Option>
          {WEEK_START_NAMES.map((n) => (
            <Option key={n} value={n}>
              {startLabel(n)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button
        appearance="secondary"
        onClick={() => void controller.checkData()}
        disabled={state.validation.status === "checking"}
      >
        Check data
      </Button>
      <section data-testid="data-validation" aria-label="Data check" aria-live="polite">
        {state.validation.status === "checking" && <Text>Checking the data…</Text>}
        {report !== null && report.blocking !== null && (
          <Text role="alert" className={s.missing}>
            Cannot run: {report.blocking.message}
            {rolesMissing.length > 0 &&
              ` Choose the missing column under “Change columns…” for ${rolesMissing.join(", ")}.`}
          </Text>
        )}
        {report !== null && report.blocking === null && (
          <>
            {period !== null && (
              <Text block data-testid="data-period">
                {period.text}
              </Text>
            )}
            <Text block>
              {`${dataCheckCounts(report)} `}
              {report.issueCount === 0
                ? "No issues found."
                : `${report.issueCount} issue${report.issueCount === 1 ? "" : "s"} found; the first:`}
            </Text>
            {report.issues.length > 0 && (
              <ul className={s.issues}>
                {report.issues.slice(0, 8).map((i, n) => (
                  <li key={n}>
                    <Text size={200}>
                      {`${i.severity}: ${i.sheet}${i.row !== null ? ` row ${i.row}` : ""}${i.column !== null ? `, ${i.column}` : ""}: ${i.message}`}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {roles.some((r) => r.notes.length > 0) && (
          <Text block size={200} data-testid="data-column-choices">
            {`Columns chosen: ${roles
              .filter((r) => r.notes.length > 0)
              .map((r) => `${r.label}: ${r.notes.join(", ")}`)
              .join("; ")}.`}
          </Text>
        )}
      </section>
    </div>
  );
}
