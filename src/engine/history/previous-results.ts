/**
 * What a run carries forward from the previous run's results (issue 12, the weekly loop): the
 * RGO History and RGO Actions sheets exactly as found. Both are sheets people edit and share, so
 * they are untrusted input like any other table: read by the same adapters into RawTables, then
 * checked in src/engine/history with issues naming sheet, row and column.
 *
 * Adapters fill it: the CLI from the existing `--out` workbook or `--previous <file.xlsx>`, the
 * Excel host from the open workbook's own RGO sheets, the preview host from its current book.
 */
import type { RawTable } from "../input/raw-table";

export interface PreviousResults {
  /** Where they were read from, for messages ("results.xlsx", "this workbook"). */
  source: string;
  /** The RGO History sheet as found (absent: no earlier run recorded). */
  history?: RawTable;
  /**
   * The previous run's RGO Customers sheet as found: each customer's revenue at risk and gap count,
   * which "what changed since the last run" compares with (absent: no per-customer changes).
   */
  customers?: RawTable;
  /** The RGO Actions sheet as found (absent: no actions carried forward). */
  actions?: RawTable;
}
