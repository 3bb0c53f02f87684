// The engine's flat working state: typed arrays on a SharedArrayBuffer where there is one.
//
// Why shared: V8 counts an ArrayBuffer's memory as "external memory" and, once more than 64 MB of it
// has been allocated since the last full collection, starts one (reason: external memory pressure).
// At 1,000,000 applications the engine's arrays are ~140 MB, so every run paid for a full
// collection of the caller's whole heap (the parsed dataset: ~600 MB, ~0.45 s) that freed nothing.
// A SharedArrayBuffer's memory is not counted that way; it is zeroed and freed like any other.
// Nothing here is shared with another thread. Where SharedArrayBuffer is missing (a browser page
// that is not cross-origin isolated) a plain ArrayBuffer does the same work.

const Backing: new (bytes: number) => ArrayBufferLike =
  typeof SharedArrayBuffer === "function" ? SharedArrayBuffer : ArrayBuffer;

export function float64s(length: number): Float64Array {
  return new Float64Array(new Backing(length * 8));
}

export function int32s(length: number): Int32Array {
  return new Int32Array(new Backing(length * 4));
}

export function uint16s(length: number): Uint16Array {
  return new Uint16Array(new Backing(length * 2));
}

export function uint8s(length: number): Uint8Array {
  return new Uint8Array(new Backing(length));
}

/**
 * Where each id first occurs in a list of records (e.g. student id → index in `students`): an
 * open-addressing hash table in one Int32Array of (hash, index + 1) pairs, at most half full.
 * For a million ids a Map took ~270 ms here (its table rebuilt as it grows, each insertion a
 * cache miss in an ever larger table), this ~50 ms; for a few thousand the two are alike.
 */
export class FirstIndex {
  private readonly cells: Int32Array;
  private readonly mask: number;
  /** No id occurs twice. */
  readonly unique: boolean;

  constructor(private readonly records: readonly { readonly id: string }[]) {
    let size = 2;
    while (size < 2 * records.length) size *= 2;
    this.mask = size - 1;
    this.cells = int32s(2 * size);
    let unique = true;
    for (let i = 0; i < records.length; i++) {
      const id = records[i]!.id;
      const hash = hashOf(id);
      let at = hash & this.mask;
      for (;;) {
        const held = this.cells[2 * at + 1]!;
        if (held === 0) {
          this.cells[2 * at] = hash;
          this.cells[2 * at + 1] = i + 1;
          break;
        }
        if (this.cells[2 * at] === hash && records[held - 1]!.id === id) {
          unique = false;
          break;
        }
        at = (at + 1) & this.mask;
      }
    }
    this.unique = unique;
  }

  /** Index of the first record with this id, or -1. */
  get(id: string): number {
    const hash = hashOf(id);
    let at = hash & this.mask;
    for (;;) {
      const held = this.cells[2 * at + 1]!;
      if (held === 0) return -1;
      if (this.cells[2 * at] === hash && this.records[held - 1]!.id === id) return held - 1;
      at = (at + 1) & this.mask;
    }
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash;
}
