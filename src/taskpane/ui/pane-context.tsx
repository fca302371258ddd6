/** React glue: the pane's state, dispatch and controller, shared by the step components. */
import { createContext, useContext } from "react";
import type { WorkbookHost } from "../../workbook/workbook-host";
import type { PaneController } from "../state/pane-controller";
import type { PaneAction, PaneState } from "../state/pane-state";

export interface PaneContextValue {
  state: PaneState;
  dispatch: (a: PaneAction) => void;
  controller: PaneController;
  host: WorkbookHost;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

/** The pane's context (inside <App/>). */
export function usePane(): PaneContextValue {
  const v = useContext(PaneContext);
  if (v === null) throw new Error("usePane outside <App/>");
  return v;
}

/** "$22,583.22" */
export const formatMoney = (x: number): string =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(x);

/** "1,234" */
export const formatCount = (x: number): string => new Intl.NumberFormat("en-US").format(x);
