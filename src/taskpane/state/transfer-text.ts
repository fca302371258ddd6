/** The words the preview bar shows while a workbook opens or its download is built. */
import type { HostProgress } from "../../workbook/workbook-host";

/** "Reading sales.xlsx…", "Reading weekly_sales: 40%…", "Building the download: 40% (weekly_sales)". */
export function transferText(action: "open" | "download", p: HostProgress): string {
  if (action === "open") {
    if (p.done >= p.total) return "Listing the sheets…";
    // Mid-read: the share of the file's compressed sheet data read so far.
    if (p.done <= 0) return `Reading ${p.target}…`;
    return `Reading ${p.target}: ${Math.floor((100 * p.done) / p.total)}%…`;
  }
  const pct = p.total > 0 ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 0;
  return `Building the download: ${pct}%${p.target !== "" ? ` (${p.target})` : " (packing the file)"}`;
}
