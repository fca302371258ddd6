/**
 * Browser preview only: a result sheet shown read-only inside the pane (the preview has no sheet
 * tabs), from the ResultBook the preview host holds. A modal Fluent Dialog, closed with Escape or
 * Close; each table scrolls inside its own box (both ways) so the pane itself never scrolls
 * sideways at 320 px.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SheetView, SheetViewTable } from "../state/sheet-view";

const useStyles = makeStyles({
  surface: {
    width: "calc(100vw - 16px)",
    maxWidth: "900px",
    padding: "12px",
    boxSizing: "border-box",
  },
  body: { minWidth: 0 },
  content: {
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  scroller: {
    overflow: "auto",
    maxHeight: "60vh",
    maxWidth: "100%",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: "tabular-nums",
  },
  th: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "left",
    whiteSpace: "nowrap",
    padding: "4px 8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  td: {
    padding: "2px 8px",
    whiteSpace: "nowrap",
    maxWidth: "40ch",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  num: { textAlign: "right" },
  negative: { color: tokens.colorPaletteRedForeground1 },
  heading1: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  heading2: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  bullets: { margin: 0, paddingLeft: "18px" },
  note: { color: tokens.colorNeutralForeground2 },
});

function ViewTable({ part, sheet }: { part: SheetViewTable; sheet: string }): React.JSX.Element {
  const s = useStyles();
  const label = part.title ?? sheet;
  return (
    <div className={s.scroller} role="region" aria-label={`${label} (table)`} tabIndex={0}>
      <table className={s.table}>
        {part.title !== null && <caption className={s.heading2}>{part.title}</caption>}
        <thead>
          <tr>
            {part.headers.map((h, i) => (
              <th key={i} scope="col" className={part.numeric[i] ? `${s.th} ${s.num}` : s.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {part.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td
                  key={c}
                  title={v.length > 40 ? v : undefined}
                  className={[
                    s.td,
                    part.numeric[c] ? s.num : "",
                    part.numeric[c] && v.startsWith("-") ? s.negative : "",
                  ].join(" ")}
                >
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The dialog showing `view` (nothing when null); `onClose` on Escape or Close. */
export function SheetViewDialog({
  view,
  onClose,
}: {
  view: SheetView | null;
  onClose: () => void;
}): React.JSX.Element {
  const s = useStyles();
  return (
    <Dialog
      open={view !== null}
      onOpenChange={(_e, d) => {
        if (!d.open) onClose();
      }}
    >
      <DialogSurface className={s.surface}>
        {view !== null && (
          <DialogBody className={s.body}>
            <DialogTitle>{view.name}</DialogTitle>
            <DialogContent className={s.content}>
              {view.note !== null && (
                <Text size={200} className={s.note} data-testid="sheet-view-note">
                  {view.note}
                </Text>
              )}
              {view.parts.map((p, i) => {
                switch (p.kind) {
                  case "heading":
                    return (
                      <Text key={i} className={p.level === 1 ? s.heading1 : s.heading2}>
                        {p.text}
                      </Text>
                    );
                  case "text":
                    return (
                      <Text key={i} size={200}>
                        {p.text}
                      </Text>
                    );
                  case "bullets":
                    return (
                      <ul key={i} className={s.bullets}>
                        {p.items.map((b, j) => (
                          <li key={j}>
                            <Text size={200}>{b}</Text>
                          </li>
                        ))}
                      </ul>
                    );
                  case "table":
                    return <ViewTable key={i} part={p} sheet={view.name} />;
                }
              })}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
