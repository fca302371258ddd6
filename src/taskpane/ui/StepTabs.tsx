/**
 * The pane's step tabs, the WAI-ARIA tabs pattern on plain buttons: one tab in the Tab order (the
 * selected one), arrow keys / Home / End move between tabs, Enter or Space opens the focused one.
 * Fluent's TabList does the same through tabster's focusable aria-hidden "dummy" elements, which
 * axe reports as aria-hidden-focus (serious) on every step; these tabs have none.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { TabId } from "../state/pane-state";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    gap: "2px 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    appearance: "none",
    background: "none",
    border: "none",
    borderBottom: "3px solid transparent",
    padding: "6px 8px 4px",
    font: "inherit",
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": {
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorBrandStroke1,
  },
});

export function StepTabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: readonly { id: TabId; label: string }[];
  selected: TabId;
  onSelect: (tab: TabId) => void;
}): React.JSX.Element {
  const s = useStyles();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // The tab in the Tab order: the one the arrows last moved to, else the selected one.
  const [current, setCurrent] = useState<TabId | null>(null);
  const active = current ?? selected;
  const move = (from: number, to: number): void => {
    const n = tabs.length;
    const i = ((to % n) + n) % n;
    if (i === from) return;
    setCurrent(tabs[i].id);
    refs.current[i]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Steps"
      className={s.list}
      onBlur={(e) => {
        // Leaving the tabs: the selected tab is the way back in.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setCurrent(null);
      }}
    >
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`rgo-tab-${t.id}`}
          aria-controls={`rgo-panel-${t.id}`}
          aria-selected={t.id === selected}
          tabIndex={t.id === active ? 0 : -1}
          className={t.id === selected ? `${s.tab} ${s.selected}` : s.tab}
          onClick={() => {
            setCurrent(null);
            onSelect(t.id);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowRight" || e.key === "ArrowDown") move(i, i + 1);
            else if (e.key === "ArrowLeft" || e.key === "ArrowUp") move(i, i - 1);
            else if (e.key === "Home") move(i, 0);
            else if (e.key === "End") move(i, tabs.length - 1);
            else return;
            e.preventDefault();
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
