// Durability over HTTP (issue 3, item 7): the real server process (the demo, on its own data) gets a
// burst of acknowledged writes — an office clerk adding agreements, many requests in flight — and
// is killed with SIGKILL mid-burst, twice; restarted on the same data, it still has every agreement
// it answered 201 for, exactly as answered, each with its audit record; and whatever it committed
// without answering is whole too (agreement and audit record together, or neither).
// PGlite on a file-backed DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCall } from "../../src/demo/university.ts";
import { type Client, client, signIn } from "../support/auth.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { type DemoServer, startDemo } from "./fixtures/demo-server.ts";

const CALL_ID = demoCall().id;
const AGREEMENTS = `/api/calls/${CALL_ID}/agreements`;
/** Requests in flight at any time. */
const IN_FLIGHT = 16;
/** The server is killed once this many writes were acknowledged. */
const ACKS_BEFORE_KILL = 40;

interface AgreementBody {
  id: string;
  centre: string;
  partner: { name: string; country: string };
  places: number;
  months: number;
  cycles: string[];
}

interface AuditRecord {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  actor: { userId: string | null; role: string | null };
  before: unknown;
  after: unknown;
}

const newAgreement = (round: number, n: number): AgreementBody => ({
  id: `CRASH-${round}-${n}`,
  centre: n % 2 === 0 ? "ETSII" : "FCE",
  partner: { name: `Partner ${round}.${n}`, country: "DE" },
  places: 1 + (n % 5),
  months: n % 3 === 0 ? 9 : 5,
  cycles: ["grado"],
});

/**
 * Keeps IN_FLIGHT writes in flight (`send(n)` the n-th, answered `status` when acknowledged) until
 * ACKS_BEFORE_KILL were acknowledged, then kills the server with SIGKILL; returns the acknowledged
 * answers by n and how many requests were unanswered then.
 */
async function burstAndKill(
  demo: DemoServer,
  send: (n: number) => Promise<Response>,
  status: number,
): Promise<{ acked: Map<number, unknown>; inFlightAtKill: number; sent: number }> {
  const acked = new Map<number, unknown>();
  let next = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const worker = async () => {
    while (inFlightAtKill < 0) {
      const n = next++;
      inFlight++;
      let response: Response;
      try {
        response = await send(n);
      } catch (error) {
        // Refused or cut off: only once the server is gone.
        if (inFlightAtKill < 0) throw error;
        return;
      } finally {
        inFlight--;
      }
      let answer: unknown;
      try {
        answer = await response.json();
      } catch (error) {
        if (inFlightAtKill < 0) throw error;
        return; // the body was cut off by the kill: not acknowledged
      }
      expect(response.status, JSON.stringify(answer)).toBe(status);
      acked.set(n, answer);
      if (acked.size === ACKS_BEFORE_KILL && inFlightAtKill < 0) {
        inFlightAtKill = inFlight;
        demo.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const result = await demo.done;
  expect(result.signal).toBe("SIGKILL");
  return { acked, inFlightAtKill, sent: next };
}

async function allAgreementAudit(api: Client): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let before: number | null = null;
  do {
    const query = `/api/audit?callId=${CALL_ID}&entityType=agreement&limit=500${before === null ? "" : `&before=${before}`}`;
    const response = await api.get(query);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: AuditRecord[]; next: number | null };
    records.push(...page.items);
    before = page.next;
  } while (before !== null);
  return records;
}

describe(`the server killed with SIGKILL during a burst of HTTP writes, on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  let demo: DemoServer | undefined;
  beforeAll(async () => {
    place = await createProcessDatabase();
  });
  afterAll(async () => {
    if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null)
      await demo.stop();
    await place?.dispose();
  });

  it("loses no acknowledged write nor its audit record, and leaves no half-done one, twice in a row", async () => {
    const started = performance.now();
    const acked = new Map<string, unknown>();
    let sent = 0;
    for (const round of [1, 2]) {
      demo = await startDemo(place.env);
      const office = client(demo.url, await signIn(demo.url, demo.account("office")));
      const burst = await burstAndKill(demo, (n) => office.post(AGREEMENTS, newAgreement(round, n)), 201);
      expect(burst.inFlightAtKill, "requests were in flight when the server was killed").toBeGreaterThan(0);
      for (const [n, answer] of burst.acked) acked.set(newAgreement(round, n).id, answer);
      sent += burst.sent;
    }
    expect(acked.size).toBeGreaterThanOrEqual(2 * ACKS_BEFORE_KILL);

    // Restarted on the same data (a lock left by the killed process is taken over).
    demo = await startDemo(place.env);
    const officeAccount = demo.account("office");
    const session = await signIn(demo.url, officeAccount);
    const office = client(demo.url, session);

    for (const [id, answer] of acked) {
      const response = await office.get(`${AGREEMENTS}/${id}`);
      expect(response.status, `acknowledged ${id} is stored`).toBe(200);
      expect(await response.json()).toEqual(answer);
    }

    const listed = await office.get(`${AGREEMENTS}?q=CRASH-&limit=1000`);
    expect(listed.status).toBe(200);
    const stored = ((await listed.json()) as { items: { id: string }[] }).items.map((a) => a.id);
    const created = new Map<string, AuditRecord[]>();
    for (const record of await allAgreementAudit(office)) {
      if (record.action !== "agreement.created" || !record.entityId.startsWith("CRASH-")) continue;
      created.set(record.entityId, [...(created.get(record.entityId) ?? []), record]);
    }
    // Agreement and audit record commit together: the same ids on both sides, one record each.
    expect(new Set(created.keys())).toEqual(new Set(stored));
    for (const [id, records] of created) {
      expect(records, `one audit record for ${id}`).toHaveLength(1);
      expect(records[0]!.actor).toMatchObject({ userId: session.user.id, role: "office" });
    }
    // Every acknowledged write is there with what the audit says was written.
    for (const [id, answer] of acked) {
      const record = created.get(id)?.[0];
      expect(record, `audit record of ${id}`).toBeDefined();
      const after = record!.after as { agreement: { id: string; places: number; partner: unknown } };
      const answered = answer as { id: string; places: number; partner: unknown };
      expect(after.agreement).toMatchObject({
        id: answered.id,
        places: answered.places,
        partner: answered.partner,
      });
    }
    const stop = await demo.stop();
    expect(stop.status).toBe(0);
    console.info(
      `crash over HTTP on ${testDatabaseKind}: ${sent} sent, ${acked.size} acknowledged, ` +
        `${stored.length} stored, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 240_000); // two kills and three starts of the real server: slow when the whole suite runs beside it

  it("loses no acknowledged edit nor its audit record, batched from known versions or not, twice in a row", async () => {
    const started = performance.now();
    const acked: { id: string; places: number; answer: unknown }[] = [];
    let sent = 0;
    let targets: string[] = [];
    // Each edit sets its agreement's places to a value no other edit sets, so its record is found.
    const editOf = (round: number, n: number) => ({
      id: targets[n % targets.length]!,
      places: round * 400 + Math.floor(n / targets.length),
    });
    for (const round of [1, 2]) {
      demo = await startDemo(place.env);
      const coordinator = client(demo.url, await signIn(demo.url, demo.account("coordinator", "ETSII")));
      if (round === 1) {
        const listed = await coordinator.get(`${AGREEMENTS}?limit=8`);
        targets = ((await listed.json()) as { items: { id: string }[] }).items.map((a) => a.id);
        expect(targets).toHaveLength(8);
      }
      const burst = await burstAndKill(
        demo,
        (n) => {
          const { id, places } = editOf(round, n);
          return coordinator.patch(`${AGREEMENTS}/${id}`, { places });
        },
        200,
      );
      expect(burst.inFlightAtKill, "requests were in flight when the server was killed").toBeGreaterThan(0);
      for (const [n, answer] of burst.acked) acked.push({ ...editOf(round, n), answer });
      sent += burst.sent;
    }

    demo = await startDemo(place.env);
    const office = client(demo.url, await signIn(demo.url, demo.account("office")));
    const updated = (await allAgreementAudit(office))
      .filter((r) => r.action === "agreement.updated" && targets.includes(r.entityId))
      .sort((a, b) => a.id - b.id);
    const present = (stored: unknown) => {
      const { agreement, nominationDeadline } = stored as { agreement: object; nominationDeadline: unknown };
      return { ...agreement, nominationDeadline };
    };
    // Per agreement, one unbroken chain of records, and the agreement as its last record left it:
    // nothing committed without its record, nor half of an edit.
    for (const id of targets) {
      const chain = updated.filter((r) => r.entityId === id);
      for (let k = 1; k < chain.length; k++) expect(chain[k]!.before).toEqual(chain[k - 1]!.after);
      const response = await office.get(`${AGREEMENTS}/${id}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(present(chain.at(-1)!.after));
    }
    // Every acknowledged edit has its record, with what it answered.
    for (const { id, places, answer } of acked) {
      const record = updated.find(
        (r) =>
          r.entityId === id && (r.after as { agreement: { places: number } }).agreement.places === places,
      );
      expect(record, `audit record of ${id} → ${places}`).toBeDefined();
      expect(present(record!.after)).toEqual(answer);
    }
    expect(acked.length).toBeGreaterThanOrEqual(2 * ACKS_BEFORE_KILL);
    expect(updated.length).toBeGreaterThanOrEqual(acked.length);
    expect(updated.length).toBeLessThanOrEqual(sent);
    const stop = await demo.stop();
    expect(stop.status).toBe(0);
    console.info(
      `edits crashed over HTTP on ${testDatabaseKind}: ${sent} sent, ${acked.length} acknowledged, ` +
        `${updated.length} recorded, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 240_000);
});
