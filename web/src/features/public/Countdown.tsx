// A live countdown to an instant, on the server's clock: the page asks /api/health for the
// server's time once and keeps the difference, so a wrong clock on the phone does not mislead.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";

interface Health {
  time: string;
}

let serverOffset: Promise<number> | null = null;

/** Milliseconds to add to Date.now() to get the server's time. */
export function serverClockOffset(): Promise<number> {
  if (serverOffset === null) {
    const sent = Date.now();
    serverOffset = api.get<Health>("/api/health").then(
      (health) => {
        const received = Date.now();
        return Date.parse(health.time) - (sent + received) / 2;
      },
      () => 0,
    );
  }
  return serverOffset;
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function remaining(ms: number): Remaining | null {
  if (ms <= 0) return null;
  const s = Math.floor(ms / 1000);
  return {
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}

export function Countdown({ to, label }: { to: string; label: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    void serverClockOffset().then((value) => {
      if (live) setOffset(value);
    });
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  if (offset === null) return null;
  const left = remaining(Date.parse(to) - (now + offset));
  return (
    <section className="countdown" aria-labelledby="countdown-title">
      <h2 id="countdown-title">{label}</h2>
      {left === null ? (
        <p className="countdown-closed">{t("call.countdown.closed")}</p>
      ) : (
        // role=timer: announced when read, not at every second (its live region is off).
        <p role="timer" className="countdown-figures" data-testid="countdown">
          {(["days", "hours", "minutes", "seconds"] as const).map((unit) => (
            <span key={unit} className="countdown-unit">
              <span className="countdown-number">{left[unit]}</span>{" "}
              <span className="countdown-label">{t(`call.countdown.${unit}`, { count: left[unit] })}</span>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
