// Editor settings (`holdout.*`), read through workspace/configuration per document. They are
// applied over the project configuration (holdout.toml / pyproject.toml), see project-config.ts.
import { SeveritySetting } from '../engine/types';

export interface HoldoutSettings {
  enable: boolean;
  /** Per-rule severity overrides from the editor. */
  rules: Record<string, SeveritySetting>;
  /** Seed written by fixes; undefined: the project's configuration (or 42). */
  seed: number | undefined;
}

export const DEFAULT_SETTINGS: HoldoutSettings = { enable: true, rules: {}, seed: undefined };

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Reads the `holdout` settings section leniently: malformed entries are ignored. */
export function parseSettings(raw: unknown): HoldoutSettings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const section = raw as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [id, value] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.includes(value)) rules[id] = value as SeveritySetting;
    }
  }
  const seed = typeof section.seed === 'number' && Number.isInteger(section.seed) && section.seed >= 0 && section.seed <= 0xffffffff ? section.seed : undefined;
  return { enable: section.enable !== false, rules, seed };
}

/** Settings per document, fetched once and cached until the configuration changes. */
export class SettingsStore {
  /** Bumped on every configuration change; analyses are cached per generation. */
  generation = 0;
  private readonly cache = new Map<string, Promise<HoldoutSettings>>();
  private global: HoldoutSettings = DEFAULT_SETTINGS;

  /** `fetch` is undefined when the client cannot answer workspace/configuration. */
  constructor(
    private readonly fetch: ((uri: string) => Promise<unknown>) | undefined,
    private readonly log: (message: string) => void,
  ) {}

  for(uri: string): Promise<HoldoutSettings> {
    if (!this.fetch) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri).then(parseSettings, (error: unknown) => {
        this.log(`Cannot read the holdout settings for ${uri}: ${String(error)}`);
        return DEFAULT_SETTINGS;
      });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /**
   * Whether the settings the documents were analysed with differ from the client's now (asked
   * again). VS Code sends a configuration change right after the server registers for them, with
   * nothing changed: that must not analyse every open document again.
   */
  async differ(): Promise<boolean> {
    if (!this.fetch) return true;
    const generation = this.generation;
    for (const [uri, cached] of [...this.cache]) {
      try {
        const [before, now] = await Promise.all([cached, this.fetch(uri).then(parseSettings)]);
        if (JSON.stringify(before) !== JSON.stringify(now)) return true;
      } catch {
        return true;
      }
      // Changed meanwhile (another change came in): the caller's change is already handled.
      if (this.generation !== generation) return false;
    }
    return false;
  }

  /** A configuration change; `pushed` is the `holdout` section when the client sent it. */
  changed(pushed?: unknown): void {
    this.generation++;
    this.cache.clear();
    if (pushed !== undefined && pushed !== null) this.global = parseSettings(pushed);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
