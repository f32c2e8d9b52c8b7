"""The therapist's home: each client at a glance, what needs attention first.

Reading it is an access like any other: one log row per client per visit ("an overview of
what you share"), and each part only when the client's switch allows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kindvoice.apps.care.access import open_client
from kindvoice.apps.care.models import CareLink
from kindvoice.apps.journal.models import Entry
from kindvoice.apps.measures.models import Administration, Schedule, all_instruments
from kindvoice.apps.practices.models import Run


@dataclass
class ClientRow:
    link: CareLink
    name: str
    new_alerts: int = 0
    deteriorations: list[str] = field(default_factory=list)  # instruments with a reliable deterioration
    due: list[str] = field(default_factory=list)  # questionnaires due or overdue
    marked: int | None = None  # items brought to session since the last note
    done: int | None = None  # homework done, of expected
    expected: int | None = None

    @property
    def adherence(self) -> float | None:
        if not self.expected:
            return None
        return min(1.0, (self.done or 0) / self.expected)


def rows(therapist: Any) -> list[ClientRow]:
    found = []
    names = {i.id: i.short_name for i in all_instruments().values()}
    for link in CareLink.objects.filter(therapist=therapist, revoked=None).select_related("client"):
        open_client(therapist, link.client_id, "overview")
        client = link.client
        row = ClientRow(link, client.display_name or client.email, new_alerts=link.new_alerts)
        if link.share_measures:
            row.due = [names.get(s.instrument_id, s.instrument_id) for s in Schedule.due(client)]
            for instrument_id in names:
                latest = list(Administration.completed_for(client, instrument_id)[:2])
                if len(latest) == 2:
                    change = latest[0].change_since(latest[1])
                    if change is not None and change.verdict == "deteriorated":
                        row.deteriorations.append(names[instrument_id])
        if link.share_marked:
            since = link.notes.values_list("date", flat=True).first() or link.created.date()
            row.marked = (
                Entry.objects.filter(user=client, bring_to_session=True, created__date__gte=since).count()
                + Run.objects.filter(user=client, bring_to_session=True, started__date__gte=since).count()
            )
        if link.share_practices:
            totals = [a.adherence() for a in link.assignments.filter(cancelled=None)]
            row.done = sum(t["done"] for t in totals)
            row.expected = sum(t["expected"] for t in totals)
        found.append(row)
    # Safety first, then reliable deteriorations, then what is due, then by name.
    return sorted(found, key=lambda r: (-r.new_alerts, -len(r.deteriorations), -len(r.due), r.name.lower()))


def adherence_chart(found: list[ClientRow], width: int = 560, bar: int = 22) -> dict[str, Any] | None:
    shown = [r for r in found if r.adherence is not None]
    if not shown:
        return None
    left = 160
    return {
        "width": width,
        "height": len(shown) * (bar + 10) + 10,
        "left": left,
        "bars": [
            {
                "name": r.name,
                "y": 10 + i * (bar + 10),
                "w": round((width - left - 60) * (r.adherence or 0), 1),
                "full": width - left - 60,
                "label": f"{r.done} of {r.expected}",
            }
            for i, r in enumerate(shown)
        ],
        "bar": bar,
    }
