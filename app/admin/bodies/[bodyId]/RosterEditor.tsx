"use client";

import { useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import type { BodyKind } from "@/server/domain/rules/types";
import { defaultSeat, rosterWarnings } from "@/server/queries/rosterWarnings";

type Candidate = { id: string; name: string; household: string | null; gender: "female" | "male"; isPartyMember: boolean; isCoopMember: boolean };

/**
 * The roster as a plain form (a checkbox per person, a seat per person), so it saves without JavaScript; with it,
 * the rules engine's composition warnings follow every tick.
 */
export function RosterEditor(props: {
  bodyId: string;
  kind: BodyKind;
  locale: "zh-CN" | "en";
  households: number;
  candidates: Candidate[];
  roster: { personId: string; seat: string }[];
}) {
  const t = useTranslations("adminBodies");
  const [seats, setSeats] = useState<Map<string, string>>(() => new Map(props.roster.map((m) => [m.personId, m.seat])));
  const [filter, setFilter] = useState("");
  const genderOf = useMemo(() => new Map(props.candidates.map((c) => [c.id, c.gender])), [props.candidates]);
  const warnings = rosterWarnings(
    props.kind,
    [...seats].map(([id, seat]) => ({ seat, gender: genderOf.get(id) ?? "male" })),
    props.households,
  );
  const hasSeatChoice = props.kind === "villager-representatives";
  const shown = props.candidates.filter((c) => filter === "" || c.name.includes(filter) || (c.household ?? "").includes(filter));

  function toggle(id: string, on: boolean) {
    setSeats((current) => {
      const next = new Map(current);
      if (on) next.set(id, current.get(id) ?? defaultSeat(props.kind));
      else next.delete(id);
      return next;
    });
  }

  return (
    <form method="post" action={`/api/admin/bodies/${props.bodyId}/roster`}>
      <input type="hidden" name="back" value={`/admin/bodies/${props.bodyId}`} />
      <input type="hidden" name="defaultSeat" value={defaultSeat(props.kind)} />
      <p role="status" aria-live="polite">
        <strong>{t("selected", { count: seats.size })}</strong>
      </p>
      <div aria-live="polite">
        {seats.size === 0 ? <p className="warn-list">{t("emptyRoster")}</p> : null}
        {warnings.length > 0 ? (
          <div className="warn-list" role="note">
            <h3>{t("warnings")}</h3>
            <ul>
              {warnings.map((w) => (
                <li key={w.code}>
                  {w.message[props.locale]}（{w.legalBasis}）
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <label htmlFor="roster-filter">{t("filter")}</label>
      <input id="roster-filter" type="text" value={filter} onChange={(e) => setFilter(e.target.value.trim())} />
      <ul className="roster-list">
        {props.candidates.map((c) => {
          const seat = seats.get(c.id);
          const hidden = !shown.includes(c);
          return (
            <li key={c.id} hidden={hidden}>
              <label className="check">
                <input type="checkbox" name="member" value={c.id} checked={seat !== undefined} onChange={(e) => toggle(c.id, e.target.checked)} />
                <span>
                  <span className="who">{c.name}</span>
                  <span className="muted sub">
                    {[c.household, t(c.gender), c.isPartyMember ? t("party") : null, c.isCoopMember ? t("coop") : null].filter(Boolean).join(" · ")}
                  </span>
                </span>
              </label>
              {hasSeatChoice && seat !== undefined ? (
                <select
                  aria-label={t("seatOf", { name: c.name })}
                  name={`seat.${c.id}`}
                  value={seat}
                  onChange={(e) => setSeats((m) => new Map(m).set(c.id, e.target.value))}
                >
                  <option value="representative">{t("seat.representative")}</option>
                  <option value="committee">{t("seat.committee")}</option>
                </select>
              ) : seat !== undefined ? (
                <input type="hidden" name={`seat.${c.id}`} value={seat} />
              ) : null}
            </li>
          );
        })}
      </ul>
      <p>
        <button type="submit">{t("saveRoster")}</button>
      </p>
    </form>
  );
}
