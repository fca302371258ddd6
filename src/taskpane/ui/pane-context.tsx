/** React glue: the pane's state, dispatch and controller, shared by the step components. */
import { DEFAULT_CURRENCY, formatCurrency } from "../../engine/currency";
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

/**
 * Money in the run's currency (ISO code, absent: USD) as the engine writes it everywhere:
 * "$22,583.22", "£22,583.22", "-€12.00" (src/engine/currency.ts).
 */
export const formatMoney = (x: number, currency: string = DEFAULT_CURRENCY): string =>
  formatCurrency(x, currency);

/** The currency of the last run's money (absent from the summary: USD). */
export const runCurrency = (state: PaneState): string =>
  state.run.summary?.summary.currency ?? DEFAULT_CURRENCY;

/** "1,234" */
export const formatCount = (x: number): string => new Intl.NumberFormat("en-US").format(x);
