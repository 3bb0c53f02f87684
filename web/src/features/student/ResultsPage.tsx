// After the lists: rank, award or substitute positions, claims, accept or renounce (issue 5).
// The call's phases follow the server's clock; each section says when it opens or when it closed.
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n/index.ts";
import { api } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useSession } from "../../lib/session.tsx";
import type { Agreement, Call } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { ClaimsSection } from "./results/ClaimsSection.tsx";
import { OffersSection } from "./results/OffersSection.tsx";
import { type AgreementName, OwnListCard } from "./results/OwnListCard.tsx";
import { serverClock } from "./results/shared.tsx";
import type { Claim, Offer, OwnListView, PublicationSummary } from "./results/types.ts";
import { StudentNav } from "./StudentNav.tsx";
import "./results/results.css";

interface Loaded {
  call: Call;
  now: number;
  lists: PublicationSummary[];
  views: OwnListView[];
  claims: Claim[];
  offers: Offer[];
  agreements: Map<string, AgreementName>;
}

async function load(studentId: string, centre: string | null): Promise<Loaded | null> {
  const call = await currentCall();
  if (call === null) return null;
  const callPath = `/api/calls/${encodeURIComponent(call.id)}`;
  const [clock, lists, own, claims, offers, agreements] = await Promise.all([
    serverClock(),
    api.get<{ items: PublicationSummary[] }>(
      `${callPath}/lists${centre ? `?centre=${encodeURIComponent(centre)}` : ""}`,
    ),
    // Every current list they are on, in one request (none: an empty list, not a 404 per list).
    api.get<{ items: OwnListView[] }>(`${callPath}/students/${encodeURIComponent(studentId)}/list-views`),
    api.get<{ items: Claim[] }>(`${callPath}/claims`),
    api.get<{ items: Offer[] }>(`${callPath}/offers`),
    api.get<{ items: Agreement[] }>(`${callPath}/agreements?limit=1000`).catch(() => ({ items: [] })),
  ]);
  // The definitive list first, as before: what decides is shown on top.
  const views = [...own.items].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "definitive" ? -1 : 1));
  return {
    call,
    now: clock(),
    lists: lists.items,
    views,
    claims: claims.items,
    offers: offers.items,
    agreements: new Map(
      agreements.items.map((a) => [a.id, { partner: a.partner.name, country: a.partner.country }]),
    ),
  };
}

function ListsNote({ call, now, lists }: { call: Call; now: number; lists: PublicationSummary[] }) {
  const { t } = useTranslation();
  const at = call.calendar.provisionalListAt;
  if (lists.length > 0) return null;
  const text =
    at !== null && now < Date.parse(at)
      ? t("results.listsPending", { at: formatDateTime(at, currentLanguage()) })
      : t("results.listsNotYet");
  return (
    <p className="phase-note" data-testid="lists-note">
      {text}
    </p>
  );
}

export default function ResultsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const studentId = user?.studentId ?? null;
  const centre = user?.centre ?? null;
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useLoad(
    () => (studentId === null ? Promise.resolve(null) : load(studentId, centre)),
    [studentId, centre, tick],
  );
  const reload = useMemo(() => () => setTick((n) => n + 1), []);

  let body: ReactNode;
  if (loading && data === undefined) body = <Loading />;
  else if (error) body = <ErrorMessage error={error} />;
  else if (!data || studentId === null) body = <p>{t("results.noCall")}</p>;
  else {
    const hasProvisional = data.lists.some((l) => l.kind === "provisional");
    const hasDefinitive = data.lists.some((l) => l.kind === "definitive");
    body = (
      <>
        <p className="lead">{t("results.lead")}</p>
        <section aria-labelledby="lists-title">
          <h2 id="lists-title">{t("results.listsTitle")}</h2>
          <ListsNote call={data.call} now={data.now} lists={data.lists} />
          {data.lists.length > 0 && data.views.length === 0 && <p>{t("results.notOnList")}</p>}
          {data.views.map((view) => (
            <OwnListCard
              key={view.id}
              list={view}
              agreements={data.agreements}
              headingId={`list-${view.id}`}
            />
          ))}
        </section>
        <ClaimsSection
          call={data.call}
          studentId={studentId}
          now={data.now}
          hasProvisional={hasProvisional}
          hasDefinitive={hasDefinitive}
          claims={data.claims}
          onListChanged={reload}
        />
        <OffersSection
          call={data.call}
          studentId={studentId}
          now={data.now}
          hasDefinitive={hasDefinitive}
          offers={data.offers}
          agreements={data.agreements}
          onAnswered={reload}
        />
      </>
    );
  }
  return (
    <Page title={t("results.title")}>
      <StudentNav />
      {body}
    </Page>
  );
}
