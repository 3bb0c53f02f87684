import { describe, expect, it } from "vitest";
import { systemClock, TestClock } from "./clock.ts";

describe("clocks", () => {
  it("the test clock stands still until moved", () => {
    const clock = new TestClock("2018-05-02T10:00:00+02:00");
    expect(clock.now().toISOString()).toBe("2018-05-02T08:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2018-05-02T08:00:00.000Z");
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe("2018-05-02T08:01:30.000Z");
    clock.set(new Date("2018-05-25T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2018-05-25T00:00:00.000Z");
  });

  it("hands out copies, so callers cannot move it", () => {
    const clock = new TestClock("2018-05-02T08:00:00Z");
    clock.now().setFullYear(2000);
    expect(clock.now().getUTCFullYear()).toBe(2018);
  });

  it("refuses what is not an instant", () => {
    expect(() => new TestClock("yesterday")).toThrow(RangeError);
  });

  it("the system clock follows real time", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
