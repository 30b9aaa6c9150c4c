/**
 * Disjoint sets over string keys (union by size, path halving): `union` joins two sets, `find`
 * names a set by a representative key. Internal helper of cluster computation.
 */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  /** Adds a key as its own set (no-op when already present). */
  add(key: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.size.set(key, 1);
    }
  }

  /** The representative of the set holding `key` (adding `key` if new). */
  find(key: string): string {
    this.add(key);
    let current = key;
    for (;;) {
      const parent = this.parent.get(current)!;
      if (parent === current) return current;
      const grandparent = this.parent.get(parent)!;
      this.parent.set(current, grandparent);
      current = grandparent;
    }
  }

  /** Joins the sets holding `a` and `b`. */
  union(a: string, b: string): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
  }

  /** Every key added so far, in insertion order. */
  keys(): IterableIterator<string> {
    return this.parent.keys();
  }
}
