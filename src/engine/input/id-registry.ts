/** Ids in order of first appearance, with a map from id to index. */
export class IdRegistry {
  readonly ids: string[] = [];
  readonly indexById = new Map<string, number>();

  /** Index of `id`, adding it at the end when new. */
  intern(id: string): number {
    const idx = this.indexById.get(id);
    return idx !== undefined ? idx : this.add(id);
  }

  /** Adds `id`, which must be new (not yet interned), at the end; its index. */
  add(id: string): number {
    const idx = this.ids.length;
    this.ids.push(id);
    this.indexById.set(id, idx);
    return idx;
  }

  get count(): number {
    return this.ids.length;
  }
}

/**
 * The ids accepted by a reader that interns each accepted id into `reg` (keyed-rows.ts SeenIds):
 * every id interned since this view was made, and the earlier ones `add`ed. So the reader need not
 * keep a Set of its own beside the registry.
 */
export class IdsInternedSince {
  private readonly start: number;
  private readonly earlier = new Set<string>();

  constructor(private readonly reg: IdRegistry) {
    this.start = reg.count;
  }

  has(id: string): boolean {
    const k = this.reg.indexById.get(id);
    return k !== undefined && (k >= this.start || this.earlier.has(id));
  }

  /** Marks an accepted id (call after interning it): only an id interned before the view is kept. */
  add(id: string): void {
    const k = this.reg.indexById.get(id);
    if (k === undefined || k < this.start) this.earlier.add(id);
  }
}
