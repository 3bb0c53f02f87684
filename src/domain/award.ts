// The award (SPEC 7): student-proposing deferred acceptance (Gale–Shapley) with capacities.
// Each applicant proposes to its eligible destinations in its own order of preference; each
// destination holds the best applicants so far up to its places and releases the worst when a
// better one arrives. The result does not depend on the order in which applicants propose.

/** An applicant to the matching: its eligible destinations, most wanted first. */
export interface Proposer {
  /** Destination indexes in preference order. */
  readonly preferences: readonly number[];
}

/**
 * `prefers(destination, a, b)` < 0 when the destination ranks applicant a above applicant b.
 * Returns, per proposer, the index into its `preferences` it holds, or -1.
 */
export function deferredAcceptance(
  proposers: readonly Proposer[],
  capacities: readonly number[],
  compare: (destination: number, a: number, b: number) => number,
): Int32Array {
  const held = new Int32Array(proposers.length).fill(-1);
  const next = new Int32Array(proposers.length);
  const holders: MaxHeap[] = capacities.map(() => new MaxHeap());
  const free: number[] = [];
  for (let p = proposers.length - 1; p >= 0; p--) free.push(p);

  while (free.length > 0) {
    const p = free.pop()!;
    const preferences = proposers[p]!.preferences;
    while (next[p]! < preferences.length) {
      const position = next[p]!;
      next[p] = position + 1;
      const destination = preferences[position]!;
      const capacity = capacities[destination]!;
      if (capacity <= 0) continue;
      const heap = holders[destination]!;
      const worse = (a: number, b: number) => compare(destination, a, b) > 0;
      if (heap.size < capacity) {
        heap.push(p, worse);
        held[p] = position;
        break;
      }
      const worst = heap.peek();
      if (compare(destination, p, worst) < 0) {
        heap.replaceTop(p, worse);
        held[worst] = -1;
        free.push(worst);
        held[p] = position;
        break;
      }
    }
  }
  return held;
}

/** A binary heap whose top is the element `worse` puts first (the destination's worst holder). */
class MaxHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(item: number, worse: (a: number, b: number) => boolean): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  replaceTop(item: number, worse: (a: number, b: number) => boolean): void {
    const items = this.items;
    items[0] = item;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < items.length && worse(items[left]!, items[top]!)) top = left;
      if (right < items.length && worse(items[right]!, items[top]!)) top = right;
      if (top === i) break;
      [items[i], items[top]] = [items[top]!, items[i]!];
      i = top;
    }
  }
}
