// Two ways of sharing one database round trip among many concurrent requests without ever answering
// one of them with something older than its own arrival (docs/decisions/0015-coalesced-round-trips.md).
//
// - FreshReads: the same small read (a version, a fingerprint) asked by many requests at once is run
//   once for all of those that arrived before it started. A request that arrives while one is running
//   waits for the next run, which starts after it arrived: every answer is from a statement that began
//   after its request did, so a write acknowledged before a read arrived is always seen by that read.
// - GroupCommit: writes of one kind that arrive while a batch is being committed wait, and are then
//   committed together in one transaction (one commit, one flush to disk, a few statements for all);
//   each write is acknowledged only once that transaction has committed.

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

function settle<T>(waiters: readonly Waiter<T>[], run: Promise<T>): void {
  run.then(
    (value) => {
      for (const w of waiters) w.resolve(value);
    },
    (error: unknown) => {
      for (const w of waiters) w.reject(error);
    },
  );
}

/** Coalesces identical reads per key; every caller gets the result of a run that began after its call. */
export class FreshReads<T> {
  readonly #keys = new Map<string, { next: Waiter<T>[]; run: () => Promise<T> }>();

  get pendingKeys(): number {
    return this.#keys.size;
  }

  /**
   * The result of `run` (or of an identical run for the same key, begun after this call). Calls with
   * the same key must ask the same question: only the first waiting caller's `run` is used.
   */
  read(key: string, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const state = this.#keys.get(key);
      if (state === undefined) {
        this.#keys.set(key, { next: [], run });
        this.#start(key, run, [{ resolve, reject }]);
      } else {
        if (state.next.length === 0) state.run = run;
        state.next.push({ resolve, reject });
      }
    });
  }

  #start(key: string, run: () => Promise<T>, waiters: Waiter<T>[]): void {
    let running: Promise<T>;
    try {
      running = run();
    } catch (error) {
      running = Promise.reject(error);
    }
    settle(waiters, running);
    const after = () => {
      const state = this.#keys.get(key)!;
      if (state.next.length === 0) {
        this.#keys.delete(key);
        return;
      }
      const next = state.next;
      state.next = [];
      this.#start(key, state.run, next);
    };
    running.then(after, after);
  }
}

/** What a batch returns for one of its items: a value, or the error that item alone gets. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, O> {
  /**
   * Commits `items` together, atomically, and returns one Settled per item, in order.
   * Throwing fails the batch as a whole; then each item is retried alone with `one`.
   */
  batch(items: readonly I[]): Promise<Settled<O>[]>;
  /** One item on its own (after a batch failed as a whole): its value or its own error. */
  one(item: I): Promise<O>;
  /** At most this many items per batch (default 200). */
  maxBatch?: number;
}

/**
 * Commits writes of one kind in batches, one batch at a time: what arrives while a batch runs forms
 * the next one. No timer: a write that finds nothing running starts at once, alone.
 */
export class GroupCommit<I, O> {
  readonly #options: GroupCommitOptions<I, O>;
  readonly #maxBatch: number;
  #queue: { item: I; waiter: Waiter<O> }[] = [];
  #running = false;
  /** Batches committed and items in them, for figures and tests. */
  readonly stats = { batches: 0, items: 0, fallbacks: 0 };

  constructor(options: GroupCommitOptions<I, O>) {
    this.#options = options;
    this.#maxBatch = options.maxBatch ?? 200;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, waiter: { resolve, reject } });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const taken = this.#queue.slice(0, this.#maxBatch);
        this.#queue = this.#queue.slice(taken.length);
        await this.#commit(taken);
      }
    } finally {
      this.#running = false;
    }
  }

  async #commit(taken: { item: I; waiter: Waiter<O> }[]): Promise<void> {
    this.stats.batches += 1;
    this.stats.items += taken.length;
    let results: Settled<O>[] | undefined;
    try {
      results = await this.#options.batch(taken.map((t) => t.item));
      if (results.length !== taken.length)
        throw new Error(`a batch of ${taken.length} returned ${results.length} results`);
    } catch {
      results = undefined;
    }
    if (results !== undefined) {
      taken.forEach(({ waiter }, i) => {
        const result = results[i]!;
        if (result.ok) waiter.resolve(result.value);
        else waiter.reject(result.error);
      });
      return;
    }
    // The batch failed as a whole (a deadlock, a value the database refused): each alone, in order,
    // so each gets its own answer and one bad write fails nobody else's.
    this.stats.fallbacks += 1;
    for (const { item, waiter } of taken) {
      try {
        waiter.resolve(await this.#options.one(item));
      } catch (error) {
        waiter.reject(error);
      }
    }
  }
}
