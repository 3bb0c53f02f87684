// What each role needs to know about a person for its scope (SPEC 2): a coordinator manages one
// centre, a student belongs to one centre and is one student record, an incoming student is one
// student record. Staff of all centres carry neither, so no stray centre narrows or widens them.

import type { ErrorIssue } from "../errors.ts";
import type { Role } from "./policies.ts";

type Need = "required" | "optional" | "none";

const NEEDS: Record<Role, { centre: Need; studentId: Need }> = {
  student: { centre: "required", studentId: "required" },
  coordinator: { centre: "required", studentId: "none" },
  office: { centre: "none", studentId: "none" },
  "language-service": { centre: "none", studentId: "none" },
  // a local student: may be linked to their own record and centre
  mentor: { centre: "optional", studentId: "optional" },
  // the host centre, when known
  incoming: { centre: "optional", studentId: "required" },
  admin: { centre: "none", studentId: "none" },
};

export interface RoleFields {
  role: Role;
  centre: string | null;
  studentId: string | null;
}

/**
 * The fields as they will be stored: what the role cannot carry is dropped (a coordinator made
 * office staff loses the centre), what it needs must be there. Issues name the missing fields.
 */
export function settleRoleFields(fields: RoleFields): { fields: RoleFields; issues: ErrorIssue[] } {
  const needs = NEEDS[fields.role];
  const issues: ErrorIssue[] = [];
  const settle = (name: "centre" | "studentId", value: string | null): string | null => {
    if (needs[name] === "none") return null;
    if (needs[name] === "required" && value === null) {
      issues.push({ path: `body/${name}`, message: `a ${fields.role} needs a ${name}` });
    }
    return value;
  };
  return {
    fields: {
      role: fields.role,
      centre: settle("centre", fields.centre),
      studentId: settle("studentId", fields.studentId),
    },
    issues,
  };
}
