/**
 * Messages between the task pane and the engine worker. The pane sends plain tables read from the
 * workbook and the rule pack as found (untrusted); the worker validates, analyses and answers with
 * progress, then the summary and the ResultBook to write back.
 */
import type { Issue } from "../../engine/issue";
import type { Progress } from "../../engine/pipeline/progress";
import type { ResultBook } from "../../engine/report/result-book";
import type { SummaryJson } from "../../engine/report/summary-json";
import type { PackError } from "../../rules/pack-error";
import type { RawWorkbook } from "../../workbook/raw-table";

export type WorkerRequest =
  | {
      type: "run";
      workbook: RawWorkbook;
      /** The rule pack: JSON text (from the editor or the RGO Rules sheet) or a parsed value. */
      pack: unknown;
      customerId?: string;
      topN?: number;
      /** ISO timestamp of the run (the pane's clock), so results are reproducible in tests. */
      runAt: string;
    }
  | { type: "cancel" };

export type WorkerResponse =
  | ({ type: "progress" } & Progress)
  | { type: "invalid-pack"; errors: PackError[] }
  | { type: "done"; summary: SummaryJson; book: ResultBook; issues: Issue[] }
  | { type: "failed"; kind: string; code: string; message: string };
