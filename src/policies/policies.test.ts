import { describe, expect, it } from "vitest";
import { ACTIONS, type Action, type Actor, can, PUBLIC, ROLES, type Role, scopeOf } from "./policies.ts";

const OWN = { centre: "ETSII", studentId: "S1" };
const OTHER = { centre: "ETSIT", studentId: "S9" };

function actor(role: Role): Actor {
  return {
    kind: "user",
    userId: `u-${role}`,
    role,
    centre: role === "coordinator" || role === "student" ? "ETSII" : null,
    studentId: role === "student" || role === "incoming" ? "S1" : null,
  };
}

// Expected reach per (who, action): "all" = own and other resources, "own" = only own centre/self,
// "none" = refused. Written from SPEC 2, not from the code.
type Reach = "all" | "own" | "none";
const EXPECTED: Record<Action, Record<Role | "public", Reach>> = {
  "health:read": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "call:read": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "call:manage": {
    public: "none",
    student: "none",
    coordinator: "none",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "centre-rules:manage": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "centre:read": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "centre:manage": {
    public: "none",
    student: "none",
    coordinator: "none",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "agreement:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "agreement:manage": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "student:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "own",
    admin: "all",
  },
  "student:manage": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "language-record:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "all",
    mentor: "none",
    incoming: "own",
    admin: "all",
  },
  "language-record:write": {
    public: "none",
    student: "none",
    coordinator: "none",
    office: "all",
    "language-service": "all",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "award:run": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "application:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "application:write": {
    public: "none",
    student: "own",
    coordinator: "none",
    office: "none",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "none",
  },
  "document:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "document:upload": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "document:review": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "list:publish": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "list:read": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "claim:file": {
    public: "none",
    student: "own",
    coordinator: "none",
    office: "none",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "none",
  },
  "claim:read": {
    public: "none",
    student: "own",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "claim:resolve": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "award:respond": {
    public: "none",
    student: "own",
    coordinator: "none",
    office: "none",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "none",
  },
  "award:confirm": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "audit:read": {
    public: "none",
    student: "none",
    coordinator: "none",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "statistics:read": {
    public: "none",
    student: "none",
    coordinator: "own",
    office: "all",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "user:manage": {
    public: "none",
    student: "none",
    coordinator: "none",
    office: "none",
    "language-service": "none",
    mentor: "none",
    incoming: "none",
    admin: "all",
  },
  "openapi:read": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "session:use": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
  "setup:run": {
    public: "all",
    student: "all",
    coordinator: "all",
    office: "all",
    "language-service": "all",
    mentor: "all",
    incoming: "all",
    admin: "all",
  },
};

describe("policies: every role reaches exactly its scope", () => {
  it("declares an expectation for every action and role", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const who of [...ROLES, "public"] as const) {
      const reach = EXPECTED[action][who];
      const subject = who === "public" ? PUBLIC : actor(who);
      it(`${who} → ${action}: ${reach}`, () => {
        expect(can(subject, action, OWN)).toBe(reach !== "none");
        expect(can(subject, action, OTHER)).toBe(reach === "all");
        expect(can(subject, action)).toBe(reach !== "none");
      });
    }
  }
});

describe("scopeOf narrows lists to what can be read", () => {
  it("gives a coordinator their centre only", () => {
    expect(scopeOf(actor("coordinator"), "student:read")).toEqual({ kind: "centre", centre: "ETSII" });
  });
  it("gives a student themself only, and their centre's destinations", () => {
    expect(scopeOf(actor("student"), "student:read")).toEqual({ kind: "student", studentId: "S1" });
    expect(scopeOf(actor("student"), "agreement:read")).toEqual({ kind: "centre", centre: "ETSII" });
  });
  it("gives the office everything and the public nothing private", () => {
    expect(scopeOf(actor("office"), "student:read")).toEqual({ kind: "all" });
    expect(scopeOf(PUBLIC, "student:read")).toEqual({ kind: "none" });
    expect(scopeOf(actor("mentor"), "agreement:read")).toEqual({ kind: "none" });
  });
  it("refuses a coordinator without a centre everything centre-scoped", () => {
    const lost: Actor = { kind: "user", userId: "u", role: "coordinator", centre: null };
    expect(can(lost, "student:read")).toBe(false);
    expect(scopeOf(lost, "agreement:read")).toEqual({ kind: "none" });
  });
});
