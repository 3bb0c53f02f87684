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
