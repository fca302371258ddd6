/**
 * Data step, per role: "Change columns…", a collapsed editor with one dropdown per field of the
 * role (required ones marked) listing the source's headers plus "(none)", set to the match the
 * engine will use. A choice goes into pane state (see state/column-choice.ts for how it is
 * applied to the tables before they reach the engine).
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Dropdown,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Fragment } from "react";
import type { Role } from "../../engine/input/role";
import type { ColumnChoice } from "../state/column-choice";
import type { MappedColumn } from "../state/role-guess";
import { usePane } from "./pane-context";
import { VISUALLY_HIDDEN } from "./visually-hidden";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 3fr)",
    alignItems: "center",
    gap: "4px 8px",
    minWidth: 0,
  },
  label: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  required: { color: tokens.colorPaletteRedForeground1 },
  dropdown: { minWidth: 0, width: "100%" },
  header: { minWidth: 0 },
  hidden: VISUALLY_HIDDEN,
  panel: { display: "flex", flexDirection: "column", gap: "6px", margin: "4px 0 8px" },
  footer: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
});

const NONE_LABEL = "(none)";
const NONE_VALUE = "none";
const headerValue = (h: string): string => `h:${h}`;

export function ColumnEditor({
  role,
  label,
  header,
  mapping,
  choice,
}: {
  role: Role;
  label: string;
  /** Headers of the role's source, as written. */
  header: readonly string[];
  /** The mapping the engine will use (columnMapping with the choice applied). */
  mapping: readonly MappedColumn[];
  choice: ColumnChoice | undefined;
}): React.JSX.Element {
  const { dispatch } = usePane();
  const s = useStyles();
  // Each distinct, non-empty header once (a duplicate header maps to its first column anyway).
  const headers = [...new Set(header.filter((h) => h.trim() !== ""))];
  const chosenCount = mapping.filter((m) => m.chosen).length;
  return (
    <Accordion collapsible>
      <AccordionItem value="columns">
        <AccordionHeader size="small" className={s.header}>
          Change columns…<span className={s.hidden}> ({label})</span>
        </AccordionHeader>
        <AccordionPanel>
          <div className={s.panel}>
            <div className={s.grid}>
              {mapping.map((m) => {
                const key = m.key ?? m.label;
                const name = `${label}: ${m.label}`;
                return (
                  <Fragment key={key}>
                    <Text className={s.label} aria-hidden>
                      {m.label}
                      {m.required && (
                        <span className={s.required} title="required">
                          {" *"}
                        </span>
                      )}
                    </Text>
                    <Dropdown
                      className={s.dropdown}
                      size="small"
                      aria-label={name}
                      aria-required={m.required}
                      value={m.header ?? NONE_LABEL}
                      selectedOptions={[m.header === null ? NONE_VALUE : headerValue(m.header)]}
                      onOptionSelect={(_e, d) => {
                        const v = d.optionValue;
                        if (v === undefined) return;
                        dispatch({
                          type: "set-column",
                          role,
                          field: key,
                          header: v === NONE_VALUE ? null : v.slice(2),
                        });
                      }}
                    >
                      <Option value={NONE_VALUE}>{NONE_LABEL}</Option>
                      {headers.map((h) => (
                        <Option key={h} value={headerValue(h)}>
                          {h}
                        </Option>
                      ))}
                    </Dropdown>
                  </Fragment>
                );
              })}
            </div>
            <div className={s.footer}>
              <Text size={200}>
                <span className={s.required}>*</span> required
              </Text>
              {choice !== undefined && Object.keys(choice).length > 0 && (
                <Button
                  size="small"
                  onClick={() => dispatch({ type: "reset-columns", role })}
                  aria-label={`${label}: use the columns found`}
                >
                  Use the columns found
                </Button>
              )}
              {chosenCount > 0 && <Text size={200}>{`${chosenCount} chosen by you`}</Text>}
            </div>
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
