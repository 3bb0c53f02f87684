// The one way a use case refuses: `authorize(actor, action, resource)` throws the error the HTTP
// layer maps to 401 (the public) or 403 (a user). docs/decisions/0003-security.md shows the pattern.

import { AppError } from "../errors.ts";
import { type Action, type Actor, can, type Resource } from "./policies.ts";

export type UserActor = Extract<Actor, { kind: "user" }>;

/** Throws UNAUTHENTICATED (the public) or FORBIDDEN (a user) unless `can(actor, action, resource)`. */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  if (can(actor, action, resource)) return;
  if (actor.kind === "public") throw new AppError("UNAUTHENTICATED", "sign in first");
  throw new AppError("FORBIDDEN", `not allowed: ${action}`);
}

/** Like `authorize`, and narrows the actor to a signed-in user for what follows. */
export function authorizeUser(actor: Actor, action: Action, resource?: Resource): asserts actor is UserActor {
  authorize(actor, action, resource);
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "sign in first");
}
