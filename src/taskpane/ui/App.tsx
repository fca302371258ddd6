/**
 * The task pane: one sentence on what it does with its two first actions ("Open workbook" in the
 * preview, "Try the sample"), then five steps on tabs (Data, Rules, Run, Drill-down, Sample data)
 * over one WorkbookHost, Excel's or the browser preview's. Single column, usable from 320 px wide.
 * Every control shows a 2 px focus ring (FOCUS_RING_CSS); opening a workbook moves the focus to
 * the Data step.
 */
import { Button, Text, makeStaticStyles, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { BUILTIN_PACKS } from "../../rules/packs/builtin-packs";
import type { WorkbookHost } from "../../workbook/workbook-host";
import { PaneController, type RgoProbe } from "../state/pane-controller";
import { initialState, paneReducer, type TabId } from "../state/pane-state";
import type { EngineClient } from "../worker-client";
import { DataStep } from "./DataStep";
import { DrillStep } from "./DrillStep";
import { NarrativeConfirm } from "./NarrativeConfirm";
import { PaneContext, usePane } from "./pane-context";
import { PreviewBar } from "./PreviewBar";
import { RulesStep } from "./RulesStep";
import { RunStep } from "./RunStep";
import { SampleStep } from "./SampleStep";
import { StepTabs } from "./StepTabs";

/**
 * A 2 px ring in the brand blue (#0F6CBD, 4.9:1 on white) on whatever has the keyboard focus,
 * in place of Fluent's faint underline on inputs and dropdowns; text inputs ring their whole box.
 */
const FOCUS_RING_CSS = `
*:focus-visible { outline: 2px solid #0F6CBD !important; outline-offset: 2px !important; }
.fui-Input:focus-within, .fui-Textarea:focus-within { outline: 2px solid #0F6CBD; outline-offset: 2px; }
.fui-Input input:focus-visible, .fui-Textarea textarea:focus-visible { outline: none !important; }
`;
const useFocusRings = makeStaticStyles(FOCUS_RING_CSS);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "8px 12px 24px",
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "100%",
    minWidth: 0,
    overflowX: "hidden",
  },
  panel: { minWidth: 0 },
  heading: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
  intro: { margin: 0 },
  alert: { color: tokens.colorPaletteRedForeground1 },
  start: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px" },
  status: { flexBasis: "100%", overflowWrap: "anywhere" },
});

/**
 * "Try the sample": writes the Sample step's default sample (500 customers, 26 weeks) and goes
 * to Run with the focus on "Run analysis".
 */
function TrySample(): React.JSX.Element {
  const { state, dispatch, controller } = usePane();
  const working = state.sample.status === "working";
  return (
    <Button
      appearance="primary"
      disabled={working}
      onClick={() => {
        void controller.writeSample(500, 26).then((written) => {
          if (!written) return;
          dispatch({ type: "set-tab", tab: "run" });
          setTimeout(() => document.getElementById("rgo-run-button")?.focus(), 0);
        });
      }}
    >
      Try the sample
    </Button>
  );
}

const TABS: { id: TabId; label: string }[] = [
  { id: "data", label: "Data" },
  { id: "rules", label: "Rules" },
  { id: "run", label: "Run" },
  { id: "drill", label: "Drill-down" },
  { id: "sample", label: "Sample data" },
];

export interface AppProps {
  host: WorkbookHost;
  client: EngineClient | null;
  /** window.__rgo in the preview (e2e figures). */
  probe?: RgoProbe | null;
}

function Pane({
  host,
  client,
  probe,
  onOpen,
  opened,
}: AppProps & { onOpen: (h: WorkbookHost) => void; opened: boolean }): React.JSX.Element {
  const s = useStyles();
  useFocusRings();
  const [state, dispatch] = useReducer(paneReducer, undefined, () =>
    initialState("default", JSON.stringify(BUILTIN_PACKS.default, null, 2)),
  );
  const ref = useRef(state);
  ref.current = state;
  const controller = useMemo(
    () => new PaneController(host, client, dispatch, () => ref.current, probe ?? null),
    [host, client, probe],
  );

  useEffect(() => {
    void controller.refreshSheets();
    // A workbook that carries its rule pack opens with it.
    void host
      .readRulesText()
      .then((text) => {
        if (text !== null) {
          dispatch({ type: "set-pack", preset: "workbook", text });
          dispatch({
            type: "rules-message",
            message: "Loaded the rule pack stored on the RGO Rules sheet.",
          });
        }
      })
      .catch(() => undefined);
  }, [controller, host]);

  // After "Open workbook" (a new Pane) the focus goes to the Data step, where the roles are checked.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (opened) panel.current?.focus();
  }, [opened]);

  const hasResults =
    state.run.status === "done" ||
    state.sheets.some((x) => x.createdByRgo && x.name !== "RGO Rules");
  const trySample = <TrySample />;
  const sampleNote =
    state.tab !== "sample" &&
    (state.sample.status === "working" || state.sample.status === "failed") ? (
      <Text
        data-testid="start-status"
        role="status"
        className={state.sample.status === "failed" ? `${s.status} ${s.alert}` : s.status}
      >
        {state.sample.message}
      </Text>
    ) : null;
  return (
    <PaneContext.Provider value={{ state, dispatch, controller, host }}>
      <main className={s.root}>
        <h1 className={s.heading}>Revenue Gaps</h1>
        <Text as="p" className={s.intro} data-testid="intro">
          Finds the customers whose spending has fallen behind what they used to buy, says why, and
          ranks them by the money at risk.
        </Text>
        {client === null && (
          <Text role="alert" className={s.alert}>
            This browser cannot start the engine worker.
          </Text>
        )}
        {host.openFile !== undefined ? (
          <PreviewBar host={host} hasResults={hasResults} onOpen={onOpen} first={trySample}>
            {sampleNote}
          </PreviewBar>
        ) : (
          <div className={s.start}>
            {trySample}
            {sampleNote}
          </div>
        )}
        <NarrativeConfirm />
        <StepTabs
          tabs={TABS}
          selected={state.tab}
          onSelect={(tab) => dispatch({ type: "set-tab", tab })}
        />
        <div
          ref={panel}
          tabIndex={-1}
          className={s.panel}
          role="tabpanel"
          id={`rgo-panel-${state.tab}`}
          aria-labelledby={`rgo-tab-${state.tab}`}
        >
          {state.tab === "data" && <DataStep />}
          {state.tab === "rules" && <RulesStep />}
          {state.tab === "run" && <RunStep />}
          {state.tab === "drill" && <DrillStep />}
          {state.tab === "sample" && <SampleStep />}
        </div>
      </main>
    </PaneContext.Provider>
  );
}

export function App(props: AppProps): React.JSX.Element {
  const [host, setHost] = useState<WorkbookHost>(props.host);
  const [version, setVersion] = useState(0);
  return (
    <Pane
      key={version}
      {...props}
      host={host}
      opened={version > 0}
      onOpen={(h) => {
        setHost(h);
        setVersion((v) => v + 1);
      }}
    />
  );
}
