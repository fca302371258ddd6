/**
 * Browser preview only: a result sheet shown read-only inside the pane (the preview has no sheet
 * tabs), from the ResultBook the preview host holds. A native modal <dialog> (the rest of the page
 * is inert while it is open; Fluent's Dialog leaves tabster's focusable aria-hidden guards in the
 * page, which axe reports), closed with Escape or Close; the focus starts on its title. Each table
 * scrolls inside its own box (both ways) so the pane itself never scrolls sideways at 320 px.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useLayoutEffect, useRef } from "react";
import { regionNames } from "../state/region-names";
import type { SheetView, SheetViewTable } from "../state/sheet-view";

const useStyles = makeStyles({
  surface: {
    width: "calc(100vw - 16px)",
    maxWidth: "900px",
    maxHeight: "calc(100vh - 16px)",
    padding: "12px",
    boxSizing: "border-box",
    border: "none",
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow64,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    flexDirection: "column",
    gap: "8px",
    "&[open]": { display: "flex" },
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
  },
  content: {
    minWidth: 0,
    minHeight: 0,
    flex: 1,
    overflowY: "auto",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  actions: { display: "flex", justifyContent: "flex-end" },
  scroller: {
    // A flex item with overflow has no content minimum: without this the column of 17 summary
    // tables shrinks each box to its 2 px of border.
    flexShrink: 0,
    overflow: "auto",
    maxHeight: "60vh",
    maxWidth: "100%",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
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

function ViewTable({ part, label }: { part: SheetViewTable; label: string }): React.JSX.Element {
  const s = useStyles();
  return (
    <div className={s.scroller} role="region" aria-label={label} tabIndex={0}>
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
}): React.JSX.Element | null {
  const s = useStyles();
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const open = view !== null;
  useLayoutEffect(() => {
    const d = dialog.current;
    if (!open || d === null) return;
    if (!d.open) d.showModal();
    title.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [open]);
  if (view === null) return null;
  const names = regionNames(view.parts, view.name);
  return (
    <dialog
      ref={dialog}
      className={s.surface}
      aria-labelledby="rgo-sheet-view-title"
      onCancel={(e) => {
        // Escape: the pane closes it (and puts the focus back).
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="rgo-sheet-view-title" ref={title} tabIndex={-1} className={s.title}>
        {view.name}
      </h2>
      <div className={s.content}>
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
              return <ViewTable key={i} part={p} label={names.get(i) ?? view.name} />;
          }
        })}
      </div>
      <div className={s.actions}>
        <Button appearance="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
