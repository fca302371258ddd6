/** Ids in order of first appearance, with a map from id to index. */
export class IdRegistry {
  readonly ids: string[] = [];
  readonly indexById = new Map<string, number>();

  /** Index of `id`, adding it at the end when new. */
  intern(id: string): number {
    let idx = this.indexById.get(id);
    if (idx === undefined) {
      idx = this.ids.length;
      this.ids.push(id);
      this.indexById.set(id, idx);
    }
    return idx;
  }

  get count(): number {
    return this.ids.length;
  }
}
