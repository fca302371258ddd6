/**
 * Keyboard-only helpers: what has the focus (role and accessible name as a screen reader would
 * find them), Tab until a control is reached, and whether the focused control shows a focus ring
 * (a 2 px or wider outline, on it or on the Fluent box around it).
 */
import type { Page } from "playwright-core";

export interface Focused {
  tag: string;
  id: string;
  text: string;
  label: string;
  /** Outline width (px) on the element or its Fluent wrapper, and its colour. */
  ring: { width: number; style: string; color: string };
  inDialog: boolean;
  /** The element's role attribute ("tab", "combobox"; "" when none). */
  role: string;
  /** aria-selected ("true" / "false"; "" when none). */
  selected: string;
  /** The id of the tab panel the element is in ("" outside one). */
  panel: string;
}

/** The focused element, described. */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body)
      return {
        tag: "body",
        id: "",
        text: "",
        label: "",
        ring: { width: 0, style: "none", color: "" },
        inDialog: false,
        role: "",
        selected: "",
        panel: "",
      };
    const ringOf = (e: Element): { width: number; style: string; color: string } => {
      const cs = getComputedStyle(e);
      return {
        width: cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth),
        style: cs.outlineStyle,
        color: cs.outlineColor,
      };
    };
    let ring = ringOf(el);
    const box = el.closest('.fui-Input, .fui-Textarea, [data-testid="threshold-field"] > div');
    if (ring.width === 0 && box !== null) ring = ringOf(box);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? "").trim(),
      label: el.getAttribute("aria-label") ?? "",
      ring,
      inDialog: el.closest('dialog, [role="dialog"]') !== null,
      role: el.getAttribute("role") ?? "",
      selected: el.getAttribute("aria-selected") ?? "",
      panel: el.closest('[role="tabpanel"]')?.id ?? "",
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's text or label matches `target`; returns
 * every element passed on the way (to check their rings). Throws after `max` presses.
 */
export async function tabTo(
  page: Page,
  target: RegExp,
  max = 60,
  key: "Tab" | "Shift+Tab" = "Tab",
): Promise<Focused[]> {
  const passed: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    passed.push(f);
    if (target.test(f.text) || target.test(f.label)) return passed;
  }
  throw new Error(
    `Tab did not reach ${target} in ${max} presses; passed: ${passed.map((f) => f.text || f.label || f.tag).join(" | ")}`,
  );
}
