// Who may do what (SPEC 2): pure predicates over (actor, action, resource), declared in one table
// and tested as a table. Every route names the action it performs; the route refuses before any
// data is read when the actor's role cannot perform it at all, and list/search queries are narrowed
// with `scopeOf` so that nothing outside the actor's scope leaks through them.

export const ROLES = [
  "student",
  "coordinator",
  "office",
  "language-service",
  "mentor",
  "incoming",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person, or the public. */
export type Actor =
  | { kind: "public" }
  | {
      kind: "user";
      userId: string;
      role: Role;
      /** For coordinators: the one centre they manage. */
      centre?: string | null;
      /** For students (and incoming students): their own student record. */
      studentId?: string | null;
    };

export const PUBLIC: Actor = { kind: "public" };

/** What a resource says about where it belongs. */
export interface Resource {
  centre?: string | null;
  studentId?: string | null;
}

export const ACTIONS = [
  "health:read",
  "call:read",
  "call:manage",
  "centre-rules:manage",
  "centre:read",
  "centre:manage",
  "agreement:read",
  "agreement:manage",
  "student:read",
  "student:manage",
  "language-record:read",
  "language-record:write",
  "award:run",
  "application:read",
  "application:write",
  "document:read",
  "document:upload",
  "document:review",
  "list:publish",
  "list:read",
  "claim:file",
  "claim:read",
  "claim:resolve",
  "award:respond",
  "award:confirm",
  "audit:read",
  "statistics:read",
  "user:manage",
  "openapi:read",
  "session:use",
  "setup:run",
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = (actor: Extract<Actor, { kind: "user" }>, resource: Resource | undefined) => boolean;

const anyone: Rule = () => true;
const staffOfAll: Rule = (actor) => actor.role === "office" || actor.role === "admin";
/** Office and administrators everywhere; a coordinator only in their own centre. */
const centreStaff: Rule = (actor, resource) =>
  staffOfAll(actor, resource) ||
  (actor.role === "coordinator" &&
    !!actor.centre &&
    (resource === undefined || resource.centre === actor.centre));
/** The student themself, or the staff of the student's centre. */
const selfOrCentreStaff: Rule = (actor, resource) =>
  centreStaff(actor, resource) ||
  ((actor.role === "student" || actor.role === "incoming") &&
    !!actor.studentId &&
    (resource === undefined || resource.studentId === actor.studentId));
/** A student reads the destinations of their own centre; staff as for centres. */
const centreMember: Rule = (actor, resource) =>
  centreStaff(actor, resource) ||
  (actor.role === "student" && (resource === undefined || resource.centre === actor.centre));

/** An outgoing student themself (not an incoming one): their own application and documents. */
const ownStudent: Rule = (actor, resource) =>
  actor.role === "student" &&
  !!actor.studentId &&
  (resource === undefined || resource.studentId === actor.studentId);
/** The outgoing student themself, or the staff of the student's centre. */
const ownStudentOrCentreStaff: Rule = (actor, resource) =>
  centreStaff(actor, resource) || ownStudent(actor, resource);

/** The declarations: for each action, who may perform it (the public: only where listed). */
const POLICIES: Record<Action, { public: boolean; rule: Rule }> = {
  "health:read": { public: true, rule: anyone },
  "call:read": { public: true, rule: anyone },
  "call:manage": { public: false, rule: staffOfAll },
  /** A centre's own rules within a call (SPEC 5): the office, or that centre's coordinator. */
  "centre-rules:manage": { public: false, rule: centreStaff },
  "centre:read": { public: true, rule: anyone },
  "centre:manage": { public: false, rule: staffOfAll },
  "agreement:read": { public: false, rule: centreMember },
  "agreement:manage": { public: false, rule: centreStaff },
  "student:read": { public: false, rule: selfOrCentreStaff },
  "student:manage": { public: false, rule: centreStaff },
  "language-record:read": {
    public: false,
    rule: (actor, resource) => actor.role === "language-service" || selfOrCentreStaff(actor, resource),
  },
  "language-record:write": {
    public: false,
    rule: (actor, resource) => actor.role === "language-service" || staffOfAll(actor, resource),
  },
  "award:run": { public: false, rule: centreStaff },
  /** A student's application and receipt: the student, the staff of their centre (SPEC 2). */
  "application:read": { public: false, rule: ownStudentOrCentreStaff },
  /** Drafting and validating (the formal submission) is the student's own act. */
  "application:write": { public: false, rule: ownStudent },
  "document:read": { public: false, rule: ownStudentOrCentreStaff },
  /** The student hands documents in; the centre's staff may register one handed in on paper. */
  "document:upload": { public: false, rule: ownStudentOrCentreStaff },
  /** "Certificates are handed in and checked by centre staff" (SPEC 9). */
  "document:review": { public: false, rule: centreStaff },
  "list:publish": { public: false, rule: centreStaff },
  /** Published lists are public, pseudonymised (SPEC 12.8). */
  "list:read": { public: true, rule: anyone },
  /** A claim against the provisional list, and a renunciation in the claims window: the student's own acts (SPEC 7). */
  "claim:file": { public: false, rule: ownStudent },
  "claim:read": { public: false, rule: ownStudentOrCentreStaff },
  /** Claims go "to the centre's Subdirector/Vicedecano" (SPEC 4): the centre's staff resolve them. */
  "claim:resolve": { public: false, rule: centreStaff },
  /** Accepting or renouncing an offered place is the student's own act. */
  "award:respond": { public: false, rule: ownStudent },
  /** The partner's acceptance and the student's enrolment make an award firm: the centre's staff record them. */
  "award:confirm": { public: false, rule: centreStaff },
  "audit:read": { public: false, rule: staffOfAll },
  /** Aggregates of a call (issue 5): the office everywhere, a coordinator for their own centre. */
  "statistics:read": { public: false, rule: centreStaff },
  "user:manage": { public: false, rule: (actor) => actor.role === "admin" },
  "openapi:read": { public: true, rule: anyone },
  /** Sign in, sign out, and read one's own session: the session itself is the scope. */
  "session:use": { public: true, rule: anyone },
  /** Create the first administrator: the one-time setup token is the authorisation (src/use-cases/set-up-first-admin.ts). */
  "setup:run": { public: true, rule: anyone },
};

/**
 * Whether the actor may perform the action on the resource. Without a resource, whether the actor
 * may perform it on some resource at all (a route's first gate; lists are then narrowed by scope).
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const policy = POLICIES[action];
  if (actor.kind === "public") return policy.public;
  return policy.rule(actor, resource);
}

/** How far a list or search may reach for this actor: everything, one centre, one student, or nothing. */
export type Scope =
  | { kind: "all" }
  | { kind: "centre"; centre: string }
  | { kind: "student"; studentId: string }
  | { kind: "none" };

export function scopeOf(actor: Actor, action: Action): Scope {
  if (!can(actor, action)) return { kind: "none" };
  if (actor.kind === "public") return { kind: "all" };
  if (actor.role === "office" || actor.role === "admin" || actor.role === "language-service") {
    return { kind: "all" };
  }
  if (actor.role === "coordinator" && actor.centre) return { kind: "centre", centre: actor.centre };
  if (action === "agreement:read" && actor.role === "student" && actor.centre) {
    return { kind: "centre", centre: actor.centre };
  }
  if ((actor.role === "student" || actor.role === "incoming") && actor.studentId) {
    return { kind: "student", studentId: actor.studentId };
  }
  return POLICIES[action].rule === anyone ? { kind: "all" } : { kind: "none" };
}
