/** Run step: Run analysis / Cancel, progress with the stage name, headline figures, links to the result sheets. */
import {
  Button,
  Field,
  Input,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { verdictText } from "../../engine/history/trend";
import { useEffect, useRef, useState } from "react";
import { fixText } from "../state/pack-fix";
import { figuresSource, isRunning } from "../state/pane-state";
import { SHEET_VIEW_ROWS, sheetView, type SheetView } from "../state/sheet-view";
import { formatCount, formatMoney, usePane } from "./pane-context";
import { NarrativeSettings } from "./NarrativeSettings";
import { SheetViewDialog } from "./SheetViewDialog";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  figures: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    gap: "4px 12px",
    margin: 0,
  },
  value: { fontWeight: tokens.fontWeightSemibold, textAlign: "right", margin: 0 },
  links: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: "2px" },
  failed: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  results: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    minWidth: 0,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: "8px",
  },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    overflowWrap: "anywhere",
  },
  stale: {
    padding: "6px 8px",
    borderLeft: `4px solid ${tokens.colorPaletteMarigoldBorderActive}`,
    backgroundColor: tokens.colorPaletteMarigoldBackground1,
    overflowWrap: "anywhere",
  },
});

export function RunStep(): React.JSX.Element {
  const { state, controller, host, dispatch } = usePane();
  const s = useStyles();
  const [view, setView] = useState<SheetView | null>(null);
  const run = state.run;
  const running = isRunning(state);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  // After a run the focus goes to the results' heading (only for a run seen starting here).
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      if (run.status === "done") heading.current?.focus();
      else if (document.activeElement === document.body) runButton.current?.focus();
    }
    wasRunning.current = running;
  }, [running, run.status]);
  // Excel activates the sheet; the preview (no sheet tabs) shows it read-only in the pane.
  // A host that keeps the rows elsewhere (the engine worker) gives the first rows the view shows.
  const openSheet = (name: string, button: HTMLButtonElement): void => {
    if (host.resultSheetHead !== undefined) {
      opener.current = button;
      void host.resultSheetHead(name, SHEET_VIEW_ROWS).then(
        (head) => {
          if (head !== null) setView(sheetView(head.sheet, SHEET_VIEW_ROWS, head.tableRows));
        },
        (e: unknown) =>
          setView({
            name,
            parts: [
              {
                kind: "text",
                text: `The rows of ${name} could not be shown: ${e instanceof Error ? e.message : String(e)}`,
              },
            ],
            note: null,
          }),
      );
      return;
    }
    if (host.resultSheet !== undefined) {
      const sheet = host.resultSheet(name);
      opener.current = button;
      if (sheet !== null) setView(sheetView(sheet));
      return;
    }
    void host.activateSheet(name);
  };
  const closeView = (): void => {
    setView(null);
    // Back to the button that opened the view (after the dialog has let go of the focus).
    const back = opener.current;
    setTimeout(() => back?.focus(), 0);
  };
  const source = figuresSource(run);
  const stale = run.status !== "done" && source !== null;
  const summary = run.summary?.summary;
  const trend = run.summary?.trend;
  const revenueAtRisk =
    summary === undefined
      ? 0
      : typeof (summary as unknown as Record<string, unknown>).revenueAtRisk === "number"
        ? ((summary as unknown as Record<string, unknown>).revenueAtRisk as number)
        : summary.totalGap;
  const status =
    run.status === "done"
      ? `Done in ${(run.ms / 1000).toFixed(1)} s: ${run.sheets.length} result sheets written.`
      : run.status === "cancelled"
        ? run.message
        : run.status === "failed"
          ? run.message
          : running
            ? "Running…"
            : "Ready.";
  const value = run.total > 0 ? Math.min(1, run.done / run.total) : undefined;
  return (
    <div className={s.root}>
      <div className={s.buttons}>
        <Button
          appearance="primary"
          id="rgo-run-button"
          ref={runButton}
          disabled={running}
          onClick={() => void controller.run()}
        >
          Run analysis
        </Button>
        <Button disabled={!running || run.status === "writing"} onClick={() => controller.cancel()}>
          Cancel
        </Button>
      </div>
      <Field
        label="As of"
        hint="Analyse the sales up to this day (empty: all of them, up to the end of the last complete week)."
      >
        <Input
          type="date"
          aria-label="As of"
          data-testid="as-of"
          disabled={running}
          value={state.asOf ?? ""}
          onChange={(_e, d) =>
            dispatch({ type: "set-as-of", asOf: d.value === "" ? null : d.value })
          }
        />
      </Field>
      <Field label="Run progress" validationMessage={undefined}>
        <ProgressBar
          aria-label="Run progress"
          value={running ? value : run.status === "done" ? 1 : 0}
          max={1}
          thickness="large"
        />
      </Field>
      <Text data-testid="run-stage">
        {running ? run.stage : run.status === "done" ? "Done" : ""}
      </Text>
      <Text
        data-testid="run-status"
        role="status"
        aria-live="polite"
        className={
          run.status === "failed"
            ? s.failed
            : run.status === "cancelled" && source !== null
              ? s.stale
              : undefined
        }
      >
        {status}
      </Text>
      {run.status === "failed" && run.fix !== null && (
        <Button
          appearance="secondary"
          data-testid="run-fix"
          onClick={() => {
            if (run.fix !== null) dispatch({ type: "go-to-fix", fix: run.fix });
          }}
        >
          {fixText(run.fix)}
        </Button>
      )}
      {summary !== undefined && (
        <section className={s.results} aria-labelledby="rgo-results-heading">
          <h2
            id="rgo-results-heading"
            data-testid="results-heading"
            ref={heading}
            tabIndex={-1}
            className={s.heading}
          >
            {source === null ? "Results" : `Results of ${source}`}
          </h2>
          {stale && run.status !== "cancelled" && (
            <Text data-testid="run-stale" className={s.stale}>
              {running
                ? `Running again: the figures below are from ${source} until it ends.`
                : `The re-run did not finish: the figures below are from ${source}.`}
            </Text>
          )}
          <dl className={s.figures} aria-label="Headline figures">
            <dt>Customers with gaps</dt>
            <dd className={s.value} data-testid="headline-customers-with-gaps">
              {formatCount(summary.customersWithGaps)}
            </dd>
            <dt>Gaps</dt>
            <dd className={s.value} data-testid="headline-gap-count">
              {formatCount(summary.gapCount)}
            </dd>
            <dt>Total gap, all gap rows (a week)</dt>
            <dd className={s.value} data-testid="headline-total-gap">
              {formatMoney(summary.totalGap, summary.currency)}
            </dd>
            <dt>Revenue at risk (a week, each customer once)</dt>
            <dd className={s.value} data-testid="headline-revenue-at-risk">
              {formatMoney(revenueAtRisk, summary.currency)}
            </dd>
            <dt>Risk-weighted exposure (a week)</dt>
            <dd className={s.value} data-testid="headline-exposure">
              {summary.exposureEnabled === false
                ? "not used by this pack"
                : formatMoney(summary.totalExposure, summary.currency)}
            </dd>
            <dt>Churn-risk customers</dt>
            <dd className={s.value} data-testid="headline-churn-risk">
              {formatCount(summary.churnRiskCustomers)}
            </dd>
            {run.summary?.asOf !== undefined && (
              <>
                <dt>As of</dt>
                <dd className={s.value} data-testid="headline-as-of">
                  {run.summary.asOf}
                </dd>
              </>
            )}
            {trend !== undefined && (
              <>
                <dt>{`Since last run (as of ${trend.previousAsOf})`}</dt>
                <dd className={s.value} data-testid="headline-trend">
                  {trend.verdict !== null ? verdictText(trend.verdict) : "compared"}
                </dd>
                <dt>Change in revenue at risk</dt>
                <dd className={s.value} data-testid="headline-trend-change">
                  {trend.revenueAtRiskChange === null
                    ? "not known"
                    : formatMoney(trend.revenueAtRiskChange, summary.currency)}
                </dd>
                {trend.new !== null && (
                  <>
                    <dt>New / worsening / improving / closed</dt>
                    <dd className={s.value} data-testid="headline-trend-customers">
                      {`${trend.new} / ${trend.worsening} / ${trend.improving} / ${trend.closed}`}
                    </dd>
                  </>
                )}
              </>
            )}
          </dl>
          <div className={s.links}>
            {run.sheets.map((name) => (
              <Button
                key={name}
                appearance="transparent"
                onClick={(e) => openSheet(name, e.currentTarget)}
                title={
                  host.kind === "preview"
                    ? "Shows the sheet here, read-only (the preview has no sheet tabs)"
                    : undefined
                }
              >
                {`Open ${name}`}
              </Button>
            ))}
          </div>
        </section>
      )}
      <SheetViewDialog view={view} onClose={closeView} />
      <NarrativeSettings />
    </div>
  );
}
