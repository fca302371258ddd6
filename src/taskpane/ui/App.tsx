/**
 * The task pane: five steps on tabs (Data, Rules, Run, Drill-down, Sample data) over one
 * WorkbookHost, Excel's or the browser preview's. Single column, usable from 320 px wide.
 */
import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { BUILTIN_PACKS } from "../../rules/packs/builtin-packs";
import { PreviewHost } from "../host/preview-host";
import type { WorkbookHost } from "../../workbook/workbook-host";
import { PaneController, type RgoProbe } from "../state/pane-controller";
import { initialState, paneReducer, type TabId } from "../state/pane-state";
import type { EngineClient } from "../worker-client";
import { DataStep } from "./DataStep";
import { DrillStep } from "./DrillStep";
import { PaneContext } from "./pane-context";
import { PreviewBar } from "./PreviewBar";
import { RulesStep } from "./RulesStep";
import { RunStep } from "./RunStep";
import { SampleStep } from "./SampleStep";

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
  tabs: { flexWrap: "wrap" },
  panel: { minWidth: 0 },
  heading: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
  },
});

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
}: AppProps & { onOpen: (h: WorkbookHost) => void }): React.JSX.Element {
  const s = useStyles();
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

  const hasResults =
    state.run.status === "done" ||
    state.sheets.some((x) => x.createdByRgo && x.name !== "RGO Rules");
  return (
    <PaneContext.Provider value={{ state, dispatch, controller, host }}>
      <main className={s.root}>
        <h1 className={s.heading}>Revenue Gaps</h1>
        {host instanceof PreviewHost && (
          <PreviewBar host={host} hasResults={hasResults} onOpen={onOpen} />
        )}
        <TabList
          className={s.tabs}
          size="small"
          selectedValue={state.tab}
          onTabSelect={(_e, d) => dispatch({ type: "set-tab", tab: d.value as TabId })}
          aria-label="Steps"
        >
          {TABS.map((t) => (
            <Tab key={t.id} value={t.id} id={`rgo-tab-${t.id}`} aria-controls={`rgo-panel-${t.id}`}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        <div
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
        {client === null && <Text role="alert">This browser cannot start the engine worker.</Text>}
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
      onOpen={(h) => {
        setHost(h);
        setVersion((v) => v + 1);
      }}
    />
  );
}
