// The demo started later than its calls' dates (DEMO_NOW) moves on only as far as its data allows:
// the windows are closed by the clock, but nobody has run the engine or published a list, so there
// is no claim to file, no offer to answer, and the acceptance job invents nothing — each refusal
// with its own code. Restarted on the same data after the acceptance deadline, still nothing.
// docs/decisions/0013-workflow-completion.md
import { afterAll, describe, expect, it } from "vitest";
import { createDemoData, type Demo, type DemoData, startDemo } from "../browser/support.ts";
import { client, signIn } from "../support/auth.ts";

const STUDENT = "estudiante@demo.upct.es";

async function asStudent(demo: Demo) {
  const session = await signIn(demo.url, demo.account(STUDENT));
  const api = client(demo.url, session);
  const calls = (await (await api.get("/api/calls")).json()) as { items: { id: string }[] };
  expect(calls.items.length).toBeGreaterThan(0);
  return { api, callId: calls.items[0]!.id, studentId: session.user.studentId! };
}

const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe("the demo at a later DEMO_NOW", () => {
  let data: DemoData | undefined;
  let demo: Demo | undefined;
  afterAll(async () => {
    await demo?.stop();
    await data?.dispose();
  });

  it("in the claims window: applications closed, no provisional list, nothing to claim or accept", async () => {
    data = await createDemoData();
    demo = await startDemo({ now: "2018-05-15T10:00:00+02:00", data });
    const { api, callId, studentId } = await asStudent(demo);
    const draft = await api.put(`/api/calls/${callId}/students/${studentId}/application`, { choices: [] });
    expect(draft.status).toBe(409);
    expect(await codeOf(draft)).toBe("DEADLINE_PASSED");
    const renounce = await api.post(`/api/calls/${callId}/students/${studentId}/renunciation`);
    expect(renounce.status).toBe(409);
    expect(["PROVISIONAL_LIST_MISSING", "NOT_ON_LIST"]).toContain(await codeOf(renounce));
    expect(
      ((await (await api.get(`/api/calls/${callId}/lists`)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    expect(
      ((await (await api.get(`/api/calls/${callId}/offers`)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    await demo.stop();
    demo = undefined;
  });

  it("after the acceptance deadline, on the same data: the windows closed, still no list and no offer", async () => {
    demo = await startDemo({ now: "2018-05-26T10:00:00+02:00", data: data! });
    const { api, callId, studentId } = await asStudent(demo);
    const renounce = await api.post(`/api/calls/${callId}/students/${studentId}/renunciation`);
    expect(await codeOf(renounce)).toBe("CLAIMS_WINDOW_CLOSED");
    const answer = await api.post(`/api/calls/${callId}/students/${studentId}/offer/response`, {
      decision: "accept",
    });
    expect(await codeOf(answer)).toBe("DEFINITIVE_LIST_MISSING");
    expect(
      ((await (await api.get(`/api/calls/${callId}/offers`)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
  });
});
