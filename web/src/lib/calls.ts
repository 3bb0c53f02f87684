// The call a page is about: the one in the address, else the latest (the API lists it first).
import { api } from "./api.ts";
import type { Call } from "./types.ts";

export async function currentCall(callId?: string): Promise<Call | null> {
  if (callId) return api.get<Call>(`/api/calls/${encodeURIComponent(callId)}`);
  const { items } = await api.get<{ items: Call[] }>("/api/calls");
  return items[0] ?? null;
}
