/** Time is injected everywhere (STYLE habit 7): the domain never reads the clock itself. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and the demo (`DEMO_NOW`): stands still at an instant until moved. */
export class TestClock implements Clock {
  #ms: number;

  constructor(start: Date | string) {
    this.#ms = toMs(start);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(instant: Date | string): void {
    this.#ms = toMs(instant);
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

function toMs(instant: Date | string): number {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/**
 * A clock that starts at `start` and then runs at the real pace (the demo's `DEMO_NOW`): a
 * newcomer lands in an open call and still sees its countdown move.
 */
export function clockStartingAt(start: Date | string, real: Clock = systemClock): Clock {
  const offset = toMs(start) - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}
