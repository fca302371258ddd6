/**
 * For a host that opens workbook files and offers the results as a download (the browser
 * preview): open an .xlsx in place of the current workbook, and download the results.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { WorkbookHost } from "../../workbook/workbook-host";
import { VISUALLY_HIDDEN } from "./visually-hidden";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "8px",
    padding: "8px 0",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  title: { flexBasis: "100%", overflowWrap: "anywhere" },
  hidden: VISUALLY_HIDDEN,
  error: { color: tokens.colorPaletteRedForeground1, flexBasis: "100%", overflowWrap: "anywhere" },
});

export function PreviewBar({
  host,
  hasResults,
  onOpen,
  first,
  children,
}: {
  host: WorkbookHost;
  hasResults: boolean;
  onOpen: (host: WorkbookHost) => void;
  /** The other first action, shown beside "Open workbook" ("Try the sample"). */
  first?: React.ReactNode;
  /** Status of that action, shown under the buttons. */
  children?: React.ReactNode;
}): React.JSX.Element {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const open = async (file: File): Promise<void> => {
    setBusy(true);
    setMessage("");
    try {
      if (host.openFile === undefined) return;
      onOpen(await host.openFile(file.name, await file.arrayBuffer()));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async (): Promise<void> => {
    setBusy(true);
    try {
      if (host.downloadResults === undefined) return;
      const { fileName, bytes } = await host.downloadResults();
      const blob = new Blob([bytes as BlobPart], {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.root} role="region" aria-label="Preview workbook">
      <Text className={s.title}>
        Preview workbook: <b data-testid="workbook-title">{host.title}</b>
      </Text>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="Open workbook (.xlsx)"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f !== undefined) void open(f);
        }}
      />
      <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()}>
        Open workbook
      </Button>
      {first}
      {message !== "" && (
        <Text role="alert" className={s.error} data-testid="open-error">
          {message}
        </Text>
      )}
      {children}
      <Button disabled={busy || !hasResults} onClick={() => void download()}>
        Download results (.xlsx)
      </Button>
    </div>
  );
}
