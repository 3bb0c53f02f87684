// Windows of the claims and acceptance workflow (issue 4, second half). Its refusals have their own
// stable codes (src/errors.ts WORKFLOW_CODES), mapped to HTTP in src/http/errors.ts.

/** Whether `now` is inside [opensAt, closesAt], both inclusive; an unset bound is a closed window. */
export function insideWindow(now: Date, opensAt: string | null, closesAt: string | null): boolean {
  if (opensAt === null || closesAt === null) return false;
  const t = now.getTime();
  return t >= Date.parse(opensAt) && t <= Date.parse(closesAt);
}
