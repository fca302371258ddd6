/**
 * Rules step: preset picker with the pack's name ("seed-tier2 (modified)" once edited), the pack's
 * JSON in a labelled editor with line numbers (checked as you type; errors say "line n, column m"
 * and move the caret there on click), the thresholds form that edits the same JSON (grouped by
 * rule, each field with its direction and unit, refused values shown on the field), and save /
 * load on the RGO Rules sheet.
 */
import {
  Button,
  Dropdown,
  Field,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { BUILTIN_PACKS, builtinPackNames } from "../../rules/packs/builtin-packs";
import { packErrorText } from "../state/pane-controller";
import { packDisplayName, packModified } from "../state/pack-name";
import { paneFields } from "../state/run-blocker";
import {
  fieldProblem,
  offsetOf,
  setThreshold,
  shortLabel,
  thresholdProblems,
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
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "8px", minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  group: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: "6px",
    margin: 0,
    padding: "6px 8px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: "0 4px", overflowWrap: "anywhere" },
  modified: {
    color: tokens.colorPaletteMarigoldForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  fieldError: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  field: { display: "flex", flexDirection: "column", gap: "2px", minWidth: 0 },
  label: { fontSize: tokens.fontSizeBase300, overflowWrap: "anywhere" },
  box: {
    display: "flex",
    alignItems: "center",
    gap: "6px",
    padding: "0 8px",
    minHeight: "30px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus-within": { outline: "2px solid #0F6CBD", outlineOffset: "2px" },
  },
  boxError: { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
  input: {
    flex: 1,
    minWidth: 0,
    border: "none",
    outline: "none",
    padding: "4px 0",
    font: "inherit",
    fontSize: tokens.fontSizeBase300,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    ":focus-visible": { outline: "none !important" },
  },
  unit: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function ThresholdInput({
  field,
  onValue,
}: {
  field: ThresholdField;
  onValue: (v: number) => void;
}): React.JSX.Element {
  const { dispatch } = usePane();
  const s = useStyles();
  const [draft, setDraft] = useState(String(field.value));
  // Follow edits made in the JSON text (but not while the draft already says the same number).
  useEffect(() => {
    setDraft((d) => (d.trim() !== "" && Number(d) === field.value ? d : String(field.value)));
  }, [field.value]);
  // Whether the pane holds an unreadable draft of this field; one that goes away (the JSON
  // changed) takes it with it. Only changes are dispatched: a form of 78 fields unmounting at
  // once must not queue 78 updates.
  const unreadable = useRef(false);
  const report = (label: string | null): void => {
    if (unreadable.current === (label !== null)) return;
    unreadable.current = label !== null;
    dispatch({ type: "threshold-draft", pointer: field.pointer, label });
  };
  useEffect(
    () => () => {
      if (unreadable.current)
        dispatch({ type: "threshold-draft", pointer: field.pointer, label: null });
    },
    [dispatch, field.pointer],
  );
  const problem = fieldProblem(field, draft);
  const id = `rgo-th-${field.pointer.replace(/[^A-Za-z0-9]/g, "-")}`;
  // Plain elements, not Fluent's Field and Input: a pack has up to ~80 of these, and a preset
  // switch mounts them all at once on the main thread.
  return (
    <div className={s.field} data-testid="threshold-field">
      <label htmlFor={id} className={s.label}>
        {shortLabel(field)}
      </label>
      <div className={problem === null ? s.box : `${s.box} ${s.boxError}`}>
        <input
          id={id}
          className={s.input}
          type="number"
          aria-label={field.label}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : `${id}-error`}
          data-pointer={field.pointer}
          value={draft}
          step={field.integer ? 1 : "any"}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            const v = Number(text);
            const number = text.trim() !== "" && Number.isFinite(v);
            // Every number goes into the JSON, refused ones too: the field and the Run step say why.
            if (number && v !== field.value) onValue(v);
            report(number ? null : field.label);
          }}
        />
        {field.unit !== null && (
          <span className={s.unit} aria-hidden="true">
            {field.unit}
          </span>
        )}
      </div>
      {problem !== null && (
        <span id={`${id}-error`} className={s.fieldError}>
          {problem}
        </span>
      )}
    </div>
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

  const fields = useMemo(
    () => paneFields({ packText: text, currency: state.currency }),
    [text, state.currency],
  );
  const formProblems = thresholdProblems(fields).length + Object.keys(state.draftProblems).length;
  const modified = packModified(text, state.packBase);
  const packName = packDisplayName(state.preset, text, state.packBase);

  // The Run step's "Go to the error": focus the field, or the JSON at the error's line.
  useEffect(() => {
    const fix = state.rulesFocus;
    if (fix === null) return;
    if (fix.kind === "json") goTo(fix.line, fix.column);
    else {
      const input = document.querySelector<HTMLInputElement>(
        `input[data-pointer="${CSS.escape(fix.pointer)}"]`,
      );
      input?.scrollIntoView({ block: "center" });
      input?.focus();
    }
    dispatch({ type: "rules-focused" });
  });
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

  const groups: { name: string; fields: ThresholdField[] }[] = [];
  for (const f of fields) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.name === f.group) last.fields.push(f);
    else groups.push({ name: f.group, fields: [f] });
  }
  return (
    <div className={s.root}>
      <Field label="Preset">
        <Dropdown
          aria-label="Preset"
          value={modified ? `${state.preset} (modified)` : state.preset}
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
      <div className={s.buttons}>
        <Text data-testid="pack-name">
          Rule pack: <b>{packName}</b>
          {modified && <span className={s.modified}> ● edited</span>}
        </Text>
        {modified && (
          <Button
            size="small"
            onClick={() =>
              dispatch({ type: "set-pack", preset: state.preset, text: state.packBase })
            }
          >
            Undo my edits
          </Button>
        )}
      </div>
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
      ) : formProblems > 0 ? (
        <Text size={200} className={s.fieldError} data-testid="form-problems">
          {formProblems === 1
            ? "1 threshold below has an error: fix it to run."
            : `${formProblems} thresholds below have errors: fix them to run.`}
        </Text>
      ) : (
        <Text size={200}>The rule pack is valid.</Text>
      )}
      <div className={s.form} aria-labelledby="rgo-thresholds" role="group">
        <Text weight="semibold" id="rgo-thresholds">
          Thresholds
        </Text>
        {fields.length === 0 && <Text size={200}>Fix the JSON to edit the thresholds here.</Text>}
        {groups.map((g, gi) => (
          <fieldset key={gi} className={s.group}>
            <legend className={s.legend}>{g.name}</legend>
            {g.fields.map((f) => (
              <ThresholdInput key={f.pointer} field={f} onValue={(v) => setValue(f, v)} />
            ))}
          </fieldset>
        ))}
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
