// The award (SPEC 7): student-proposing deferred acceptance (Gale–Shapley) with capacities.
// Each applicant proposes to its eligible destinations in its own order of preference; each
// destination holds the best applicants so far up to its places and releases the worst when a
// better one arrives. The result does not depend on the order in which applicants propose.

/**
 * Proposers are 0…count−1; proposer p's k-th preference is destination `destinationOf(p, k)`.
 * `compare(p, k, q, l)` < 0 when the destination ranks p (at its preference k) above q (at l).
 * Returns, per proposer, the preference index it holds, or -1.
 */
export function deferredAcceptance(
  count: number,
  preferenceCount: (p: number) => number,
  destinationOf: (p: number, k: number) => number,
  capacities: readonly number[],
  compare: (p: number, k: number, q: number, l: number) => number,
): Int32Array {
  const held = new Int32Array(count).fill(-1);
  const next = new Int32Array(count);
  // A holder's preference index is held[holder]; the heap keeps each destination's worst on top.
  const worse = (a: number, b: number) => compare(a, held[a]!, b, held[b]!) > 0;
  const holders: Heap[] = capacities.map(() => new Heap(worse));
  const free: number[] = [];
  for (let p = count - 1; p >= 0; p--) free.push(p);

  while (free.length > 0) {
    const p = free.pop()!;
    const total = preferenceCount(p);
    while (next[p]! < total) {
      const k = next[p]!;
      next[p] = k + 1;
      const destination = destinationOf(p, k);
      const capacity = capacities[destination]!;
      if (capacity <= 0) continue;
      const heap = holders[destination]!;
      if (heap.size < capacity) {
        held[p] = k;
        heap.push(p);
        break;
      }
      const worst = heap.peek();
      if (compare(p, k, worst, held[worst]!) < 0) {
        held[worst] = -1;
        free.push(worst);
        held[p] = k;
        heap.replaceTop(p);
        break;
      }
    }
  }
  return held;
}

/** A binary heap whose top is the element `worse` puts first (the destination's worst holder). */
class Heap {
  private readonly items: number[] = [];

  constructor(private readonly worse: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(item: number): void {
    const { items, worse } = this;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  replaceTop(item: number): void {
    const { items, worse } = this;
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
