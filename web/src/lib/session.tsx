// Who is signed in. The session is a HttpOnly cookie the page never sees; the CSRF token comes
// from GET /api/auth/session (after a reload) or from sign-in, and lives in memory only.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, setCsrfToken, whenSessionLost } from "./api.ts";
import type { Session, User } from "./types.ts";

interface SessionState {
  user: User | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    // An expired session shows as signed out at once (the page then offers to sign in again).
    whenSessionLost(() => {
      setCsrfToken(null);
      setUser(null);
    });
    api
      .get<Session>("/api/auth/session")
      .then((session) => {
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
    return () => whenSessionLost(null);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await api.post<{ user: User; csrfToken: string }>("/api/auth/sign-in", {
      email,
      password,
    });
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post("/api/auth/sign-out");
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, loading, signIn, signOut }), [user, loading, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error("useSession outside SessionProvider");
  return state;
}

export const isStaffOfAll = (user: User | null): boolean => user?.role === "office" || user?.role === "admin";
export const isCentreStaff = (user: User | null): boolean =>
  isStaffOfAll(user) || user?.role === "coordinator";
