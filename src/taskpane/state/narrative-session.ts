/**
 * The AI narrative in the pane, for one session: reads the settings, asks the user to confirm the
 * exact payload before the first send (the UI shows `pendingPreview` and calls `answer`), drafts
 * the texts (src/workbook/narrative/draft-narrative.ts, from the pane: the worker never calls
 * out), merges them into the run's outputs (engine/narrative/apply-narrative.ts) and keeps each
 * customer's texts for the drill-down. A small store of its own (subscribe / snapshot) so the
 * pane's reducer is unchanged.
 */
import type { Issue } from "../../engine/issue";
import { applyNarrative } from "../../engine/narrative/apply-narrative";
import { fallbackTexts, narrativeCellText } from "../../engine/narrative/narrative-fallback";
import type { NarrativeSource } from "../../engine/narrative/narrative-columns";
import type { NarrativePayload } from "../../engine/narrative/narrative-payload";
import { narrativeRequests } from "../../engine/narrative/narrative-requests";
import type { ResultBook } from "../../engine/report/result-book";
import type { SummaryJson } from "../../engine/report/summary-json";
import { draftNarrative, type DraftOptions } from "../../workbook/narrative/draft-narrative";
import { parseEndpoint } from "../../workbook/narrative/llm-endpoint";
import { requestPreview } from "../../workbook/narrative/request-preview";
import { loadNarrativeConfig, type NarrativeConfig, type SettingsStore } from "./narrative-config";

/** One customer's narrative as the drill-down shows it. */
export interface DrillNarrative {
  text: string;
  message: string;
  source: NarrativeSource;
}

export interface NarrativeSnapshot {
  /** The requests awaiting the user's yes or no (null: nothing to confirm). */
  pendingPreview: string | null;
  /** Customer id -> texts of the last narrated run. */
  texts: ReadonlyMap<string, DrillNarrative>;
  /** Why the last run has no narrative although it is on (bad settings, declined), else null. */
  notice: string | null;
}

interface RunOutputs {
  book: ResultBook;
  summary: SummaryJson;
  issues: Issue[];
  narrative?: NarrativePayload;
}

export class NarrativeSession {
  private confirmed = false;
  private resolveAnswer: ((yes: boolean) => void) | null = null;
  private snap: NarrativeSnapshot = { pendingPreview: null, texts: new Map(), notice: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly store: SettingsStore,
    private readonly draftOptions: Omit<DraftOptions, "signal"> = {},
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): NarrativeSnapshot => this.snap;

  private set(next: Partial<NarrativeSnapshot>): void {
    this.snap = { ...this.snap, ...next };
    for (const l of this.listeners) l();
  }

  /** Whether the next run should ask the worker for the payload. */
  async config(): Promise<NarrativeConfig> {
    return loadNarrativeConfig(this.store);
  }

  /** The user's answer to the pending preview. */
  answer(yes: boolean): void {
    const resolve = this.resolveAnswer;
    this.resolveAnswer = null;
    this.set({ pendingPreview: null });
    resolve?.(yes);
  }

  private ask(preview: string, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      this.resolveAnswer = resolve;
      signal.addEventListener("abort", () => this.answer(false), { once: true });
      this.set({ pendingPreview: preview });
    });
  }

  /**
   * The run's outputs with the narrative merged in, or as they are (narrative off, no payload,
   * settings not usable, or the user declined). Never throws on the endpoint's failures.
   */
  async apply<T extends RunOutputs>(
    outputs: T,
    config: NarrativeConfig,
    signal: AbortSignal,
  ): Promise<T> {
    this.set({ texts: new Map(), notice: null });
    const payload = outputs.narrative;
    if (!config.enabled || payload === undefined || payload.customers.length === 0) return outputs;
    let endpoint;
    try {
      endpoint = parseEndpoint(config.endpoint, config.model, config.apiKey);
    } catch (e) {
      this.set({ notice: `AI narrative not drafted: ${(e as Error).message}` });
      return outputs;
    }
    if (!this.confirmed) {
      const yes = await this.ask(requestPreview(endpoint, narrativeRequests(payload)), signal);
      if (!yes) {
        this.set({ notice: "AI narrative not drafted: nothing was sent (you chose not to send)." });
        return outputs;
      }
      this.confirmed = true;
    }
    const outcome = await draftNarrative(endpoint, payload, { ...this.draftOptions, signal });
    const narrated = applyNarrative(outputs, outcome);
    const texts = new Map<string, DrillNarrative>();
    for (const c of payload.customers) {
      const a = outcome.customers.get(c.id);
      const t = a !== undefined && a.ok ? a.value : fallbackTexts(c);
      texts.set(c.customer, {
        text: narrativeCellText(t),
        message: t.message,
        source: a !== undefined && a.ok ? "ai" : "rules",
      });
    }
    this.set({ texts });
    return { ...outputs, book: narrated.book, summary: narrated.summary, issues: narrated.issues };
  }
}
