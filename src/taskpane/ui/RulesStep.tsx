/**
 * Rules step: preset picker, the pack's JSON in a labelled editor with line numbers (checked as you
 * type; errors say "line n, column m" and move the caret there on click), the thresholds form that
 * edits the same JSON, and save / load on the RGO Rules sheet.
 */
import {
  Button,
  Dropdown,
  Field,
  Input,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { BUILTIN_PACKS, builtinPackNames } from "../../rules/packs/builtin-packs";
import { packErrorText } from "../state/pane-controller";
import {
  acceptsValue,
  offsetOf,
  setThreshold,
  thresholdFields,
  type ThresholdField,
} from "../state/thresholds";
import { usePane } from "./pane-context";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  editor: {
    display: "flex",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    height: "260px",
    overflow: "hidden",
    minWidth: 0,
  },
  gutter: {
    margin: 0,
    padding: "6px 4px",
    textAlign: "right",
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "12px",
    lineHeight: "18px",
    overflow: "hidden",
    userSelect: "none",
    minWidth: "28px",
  },
  textarea: {
    flex: 1,
    minWidth: 0,
    border: "none",
    outline: "none",
    resize: "none",
    padding: "6px",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "12px",
    lineHeight: "18px",
    whiteSpace: "pre",
    overflow: "auto",
    ":focus-visible": { outline: `2px solid ${tokens.colorBrandStroke1}` },
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
  },
  errorLink: {
    textAlign: "left",
    background: "none",
    border: "none",
    padding: 0,
    color: "inherit",
    textDecoration: "underline",
    cursor: "pointer",
    overflowWrap: "anywhere",
    font: "inherit",
  },
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "8px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  group: { fontWeight: tokens.fontWeightSemibold, marginTop: "4px" },
});

function ThresholdInput({
  field,
  onValue,
}: {
  field: ThresholdField;
  onValue: (v: number) => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState(String(field.value));
  // Follow edits made in the JSON text (but not while the draft already says the same number).
  useEffect(() => {
    setDraft((d) => (d.trim() !== "" && Number(d) === field.value ? d : String(field.value)));
  }, [field.value]);
  return (
    <Field label={field.label}>
      <Input
        type="number"
        aria-label={field.label}
        value={draft}
        step={field.integer ? 1 : "any"}
        min={field.min}
        onChange={(_e, d) => {
          setDraft(d.value);
          const v = Number(d.value);
          if (d.value.trim() !== "" && acceptsValue(field, v) && v !== field.value) onValue(v);
        }}
      />
    </Field>
  );
}

export function RulesStep(): React.JSX.Element {
  const { state, dispatch, controller } = usePane();
  const s = useStyles();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const text = state.packText;

  // Check the text 300 ms after the last keystroke.
  useEffect(() => {
    const t = setTimeout(() => void controller.checkPack(text), 300);
    return () => clearTimeout(t);
  }, [text, controller]);

  const parsed = useMemo(() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }, [text]);
  const fields = useMemo(() => (parsed === null ? [] : thresholdFields(parsed)), [parsed]);
  const lines = useMemo(() => {
    const n = text.split("\n").length;
    return Array.from({ length: n }, (_x, i) => i + 1).join("\n");
  }, [text]);

  const goTo = (line: number | null, column: number | null): void => {
    const el = area.current;
    if (el === null || line === null || column === null) return;
    const at = offsetOf(el.value, line, column);
    el.focus();
    el.setSelectionRange(at, at);
    el.scrollTop = Math.max(0, (line - 3) * 18);
  };

  const setValue = (field: ThresholdField, v: number): void => {
    try {
      dispatch({ type: "edit-pack", text: setThreshold(text, field.pointer, v) });
    } catch {
      // The text changed under the form: the next render shows the new fields.
    }
  };

  let lastGroup = "";
  return (
    <div className={s.root}>
      <Field label="Preset">
        <Dropdown
          aria-label="Preset"
          value={state.preset}
          selectedOptions={[state.preset]}
          onOptionSelect={(_e, d) => {
            const name = d.optionValue;
            if (name === undefined || BUILTIN_PACKS[name] === undefined) return;
            dispatch({
              type: "set-pack",
              preset: name,
              text: JSON.stringify(BUILTIN_PACKS[name], null, 2),
            });
          }}
        >
          {builtinPackNames().map((n) => (
            <Option key={n} value={n}>
              {n}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div>
        <label htmlFor="rgo-pack-json">
          <Text weight="semibold">Rule pack JSON</Text>
        </label>
        <div className={s.editor}>
          <pre className={s.gutter} ref={gutter} aria-hidden="true">
            {lines}
          </pre>
          <textarea
            id="rgo-pack-json"
            ref={area}
            className={s.textarea}
            aria-label="Rule pack JSON"
            spellCheck={false}
            value={text}
            onChange={(e) => dispatch({ type: "edit-pack", text: e.target.value })}
            onScroll={(e) => {
              if (gutter.current !== null) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
          />
        </div>
      </div>
      {state.packErrors.length > 0 ? (
        <div role="alert" data-testid="pack-error" className={s.error}>
          {state.packErrors.slice(0, 5).map((e, i) => (
            <button
              key={i}
              type="button"
              className={s.errorLink}
              onClick={() => goTo(e.line, e.column)}
            >
              {packErrorText(e)}
            </button>
          ))}
        </div>
      ) : (
        <Text size={200}>The rule pack is valid.</Text>
      )}
      <div className={s.form} aria-label="Thresholds" role="group">
        <Text weight="semibold">Thresholds</Text>
        {fields.length === 0 && <Text size={200}>Fix the JSON to edit the thresholds here.</Text>}
        {fields.map((f) => {
          const header = f.group !== lastGroup ? f.group : null;
          lastGroup = f.group;
          return (
            <div key={f.pointer}>
              {header !== null && <div className={s.group}>{header}</div>}
              <ThresholdInput field={f} onValue={(v) => setValue(f, v)} />
            </div>
          );
        })}
      </div>
      <div className={s.buttons}>
        <Button onClick={() => void controller.saveRules()}>Save to RGO Rules sheet</Button>
        <Button onClick={() => void controller.loadRules()}>Load from RGO Rules sheet</Button>
      </div>
      {state.rulesMessage !== "" && (
        <Text role="status" aria-live="polite">
          {state.rulesMessage}
        </Text>
      )}
    </div>
  );
}
