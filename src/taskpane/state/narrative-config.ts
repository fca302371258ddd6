/**
 * The AI narrative's settings in the pane: on/off (off by default), endpoint, model and API key,
 * kept per user in the add-in's own storage (OfficeRuntime.storage in Office, localStorage in the
 * browser preview), never in the workbook, an RGO sheet or the rule pack.
 */

export interface NarrativeConfig {
  enabled: boolean;
  endpoint: string;
  model: string;
  apiKey: string;
}

export const NARRATIVE_OFF: Readonly<NarrativeConfig> = {
  enabled: false,
  endpoint: "",
  model: "",
  apiKey: "",
};

/** What the pane stores settings in (OfficeRuntime.storage's shape). */
export interface SettingsStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const KEYS: Record<keyof NarrativeConfig, string> = {
  enabled: "rgo.narrative.enabled",
  endpoint: "rgo.narrative.endpoint",
  model: "rgo.narrative.model",
  apiKey: "rgo.narrative.apiKey",
};

/** OfficeRuntime.storage when the add-in runs in Office, else the browser's localStorage, else memory. */
export function addInStorage(): SettingsStore {
  const office = (globalThis as { OfficeRuntime?: { storage?: SettingsStore } }).OfficeRuntime;
  if (office?.storage !== undefined) return office.storage;
  const local = (globalThis as { localStorage?: Storage }).localStorage;
  if (local !== undefined)
    return {
      getItem: (k) => Promise.resolve(local.getItem(k)),
      setItem: (k, v) => Promise.resolve(local.setItem(k, v)),
      removeItem: (k) => Promise.resolve(local.removeItem(k)),
    };
  const memory = new Map<string, string>();
  return {
    getItem: (k) => Promise.resolve(memory.get(k) ?? null),
    setItem: (k, v) => Promise.resolve(void memory.set(k, v)),
    removeItem: (k) => Promise.resolve(void memory.delete(k)),
  };
}

export async function loadNarrativeConfig(store: SettingsStore): Promise<NarrativeConfig> {
  try {
    const [enabled, endpoint, model, apiKey] = await Promise.all([
      store.getItem(KEYS.enabled),
      store.getItem(KEYS.endpoint),
      store.getItem(KEYS.model),
      store.getItem(KEYS.apiKey),
    ]);
    return {
      enabled: enabled === "true",
      endpoint: endpoint ?? "",
      model: model ?? "",
      apiKey: apiKey ?? "",
    };
  } catch {
    return { ...NARRATIVE_OFF };
  }
}

/** Saves the settings; an empty key is removed rather than stored. */
export async function saveNarrativeConfig(
  store: SettingsStore,
  config: NarrativeConfig,
): Promise<void> {
  await store.setItem(KEYS.enabled, config.enabled ? "true" : "false");
  await store.setItem(KEYS.endpoint, config.endpoint.trim());
  await store.setItem(KEYS.model, config.model.trim());
  if (config.apiKey === "") await store.removeItem(KEYS.apiKey);
  else await store.setItem(KEYS.apiKey, config.apiKey);
}
