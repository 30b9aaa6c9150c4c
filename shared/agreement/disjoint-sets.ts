/**
 * Disjoint sets of small integers (union by size, path halving), for the agreement measures that
 * join clusters or units into connected components by number rather than by string key.
 */
export class DisjointSets {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  /** Sets 0 … count − 1, each on its own; more are added with `add`. */
  constructor(count = 0) {
    for (let i = 0; i < count; i++) this.add();
  }

  /** How many elements there are. */
  get count(): number {
    return this.parent.length;
  }

  /** Adds an element as a set of its own, and returns its number. */
  add(): number {
    this.size.push(1);
    return this.parent.push(this.parent.length) - 1;
  }

  /** The representative of the set holding `i`. */
  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const grandparent = parent[parent[i]!]!;
      parent[i] = grandparent;
      i = grandparent;
    }
    return i;
  }

  /** Joins the sets holding `a` and `b`. */
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
  }
}
