/**
 * For a host that opens workbook files and offers the results as a download (the browser
 * preview): open an .xlsx in place of the current workbook, and download the results, each with
 * its progress and a Cancel button (the work runs in the engine worker; the pane stays usable).
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { isCancelled } from "../../engine/errors";
import type { WorkbookHost } from "../../workbook/workbook-host";
import { transferText } from "../state/transfer-text";
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
  progress: { flexBasis: "100%", overflowWrap: "anywhere" },
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
  const [progress, setProgress] = useState("");
  const abort = useRef<AbortController | null>(null);

  const start = (): AbortSignal => {
    abort.current = new AbortController();
    setBusy(true);
    setMessage("");
    return abort.current.signal;
  };
  const end = (): void => {
    abort.current = null;
    setBusy(false);
    setProgress("");
  };
  const failed = (e: unknown, what: string): void =>
    setMessage(isCancelled(e) ? `${what} cancelled.` : e instanceof Error ? e.message : String(e));

  const open = async (file: File): Promise<void> => {
    const signal = start();
    setProgress(`Reading ${file.name}…`);
    try {
      if (host.openFile === undefined) return;
      const opened = await host.openFile(file.name, await file.arrayBuffer(), {
        signal,
        onProgress: (p) => setProgress(transferText("open", p)),
      });
      // Opened, even when Cancel came too late to stop it: the pane follows the workbook held.
      onOpen(opened);
    } catch (e) {
      failed(e, "Opening");
    } finally {
      end();
    }
  };

  const download = async (): Promise<void> => {
    const signal = start();
    setProgress("Building the download…");
    try {
      if (host.downloadResults === undefined) return;
      const { fileName, bytes } = await host.downloadResults({
        signal,
        onProgress: (p) => setProgress(transferText("download", p)),
      });
      if (signal.aborted) return;
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
      failed(e, "The download");
    } finally {
      end();
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
      {busy && (
        <Button
          onClick={() => {
            abort.current?.abort();
            setProgress("Cancelling…");
          }}
          data-testid="transfer-cancel"
        >
          Cancel
        </Button>
      )}
      {progress !== "" && (
        <Text className={s.progress} role="status" data-testid="transfer-progress">
          {progress}
        </Text>
      )}
    </div>
  );
}
