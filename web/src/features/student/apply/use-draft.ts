// The ranked list as the student edits it, never lost: every change is kept at once in this
// browser's storage (per user and call) and saved to the server ~800 ms after the last one; a
// failed save is retried (offline: every few seconds and when the connection returns); leaving
// with unsaved changes asks first. On load, a kept draft made on top of the server's current
// version is newer than it, and wins; one made on an older version is dropped (docs/decisions/0009).
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../../lib/api.ts";
import { type Application, saveDraft } from "./data.ts";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string | null }
  | { kind: "offline" }
  | { kind: "refused"; error: unknown };

interface KeptDraft {
  choices: string[];
  /** The server's version (its updatedAt) the draft was edited from; null: none yet. */
  base: string | null;
}

const DEBOUNCE_MS = 800;
const RETRY_MS = 5000;

export const draftKey = (userId: string, callId: string) => `mobilitas.draft.${userId}.${callId}`;

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function readKept(key: string): KeptDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<KeptDraft>;
    if (!Array.isArray(value.choices) || !value.choices.every((c) => typeof c === "string")) return null;
    return { choices: value.choices, base: typeof value.base === "string" ? value.base : null };
  } catch {
    return null;
  }
}

function keep(key: string, draft: KeptDraft | null): void {
  try {
    if (draft === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the server save still runs
  }
}

export interface Draft {
  choices: string[];
  setChoices: (next: string[]) => void;
  status: SaveStatus;
  /** The draft came back from this browser's storage (newer than the server's). */
  restored: boolean;
  /** Saves now; true when the server holds exactly the current list. */
  flush: () => Promise<boolean>;
}

export function useDraft(options: {
  userId: string;
  callId: string;
  studentId: string;
  application: Application | null;
  /** Destination ids that may be chosen (a kept draft keeps only these). */
  known: ReadonlySet<string>;
  readOnly: boolean;
}): Draft {
  const { userId, callId, studentId, application, known, readOnly } = options;
  const key = draftKey(userId, callId);
  const serverChoices = application?.choices ?? [];

  const [initial] = useState(() => {
    const kept = readOnly ? null : readKept(key);
    const base = application?.updatedAt ?? null;
    if (kept !== null && kept.base === base) {
      const choices = kept.choices.filter((id) => known.has(id));
      if (!same(choices, serverChoices)) return { choices, restored: true };
    }
    keep(key, null);
    return { choices: serverChoices, restored: false };
  });
  const [choices, setState] = useState<string[]>(initial.choices);
  const [status, setStatus] = useState<SaveStatus>(initial.restored ? { kind: "pending" } : { kind: "idle" });
  const latest = useRef(initial.choices);
  const saved = useRef(serverChoices);
  const base = useRef<string | null>(application?.updatedAt ?? null);
  const timer = useRef<number | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);

  const run = useCallback(async (): Promise<void> => {
    if (running.current) await running.current;
    if (same(latest.current, saved.current)) {
      keep(key, null);
      setStatus((s) =>
        s.kind === "pending" || s.kind === "offline" ? { kind: "saved", at: base.current } : s,
      );
      return;
    }
    const snapshot = latest.current;
    setStatus({ kind: "saving" });
    const attempt = (async () => {
      try {
        const stored = await saveDraft(callId, studentId, snapshot);
        saved.current = stored.choices;
        base.current = stored.updatedAt;
        if (same(latest.current, snapshot)) {
          keep(key, null);
          setStatus({ kind: "saved", at: stored.updatedAt });
        } else {
          keep(key, { choices: latest.current, base: stored.updatedAt });
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => void run(), DEBOUNCE_MS);
        }
      } catch (error) {
        if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
          setStatus({ kind: "offline" });
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => void run(), RETRY_MS);
        } else {
          setStatus({ kind: "refused", error });
        }
      }
    })();
    running.current = attempt;
    await attempt;
    running.current = null;
  }, [callId, studentId, key]);

  const setChoices = useCallback(
    (next: string[]) => {
      if (readOnly) return;
      latest.current = next;
      setState(next);
      keep(key, { choices: next, base: base.current });
      setStatus({ kind: "pending" });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(), DEBOUNCE_MS);
    },
    [key, readOnly, run],
  );

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    await run();
    return same(latest.current, saved.current);
  }, [run]);

  useEffect(() => {
    // A draft restored from storage goes to the server at once.
    if (initial.restored) timer.current = window.setTimeout(() => void run(), 0);
    const online = () => void run();
    const leaving = (event: BeforeUnloadEvent) => {
      if (same(latest.current, saved.current)) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", leaving);
    return () => {
      window.clearTimeout(timer.current);
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", leaving);
    };
  }, [initial.restored, run]);

  return { choices, setChoices, status, restored: initial.restored, flush };
}
