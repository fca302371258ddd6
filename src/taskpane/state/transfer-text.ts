/** The words the preview bar shows while a workbook opens or its download is built. */
import type { HostProgress } from "../../workbook/workbook-host";

/** "Reading sales.xlsx…", "Building the download: 40% (weekly_sales)". */
export function transferText(action: "open" | "download", p: HostProgress): string {
  if (action === "open") return p.done >= p.total ? "Listing the sheets…" : `Reading ${p.target}…`;
  const pct = p.total > 0 ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 0;
  return `Building the download: ${pct}%${p.target !== "" ? ` (${p.target})` : " (packing the file)"}`;
}
