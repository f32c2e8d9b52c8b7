"""What a session summary holds, each part only when the client's switch for it is on."""

from __future__ import annotations

from datetime import date
from typing import Any

from kindvoice.apps.care.models import CareLink
from kindvoice.apps.journal.models import Entry
from kindvoice.apps.measures.models import Administration, all_instruments
from kindvoice.apps.practices.models import Run


def since_last_session(link: CareLink) -> date:
    """The date of the latest session note, or the day the link began."""
    found = link.notes.values_list("date", flat=True).first()
    return found or link.created.date()


def session_summary(link: CareLink, since: Any) -> dict[str, Any]:
    """The parts of the summary, as model objects for the page."""
    client = link.client
    data: dict[str, Any] = {}
    if link.share_measures:
        rows = []
        for found in all_instruments().values():
            done = list(Administration.completed_for(client, found.id)[:2])
            if done and done[0].completed and done[0].completed.date() >= since:
                change = done[0].change_since(done[1]) if len(done) > 1 else None
                rows.append((found, done[0], change))
        data["measures"] = rows
    if link.share_practices:
        data["homework"] = [(a, a.adherence()) for a in link.assignments.filter(cancelled=None)]
        data["runs"] = Run.objects.filter(user=client, started__date__gte=since)[:50]
    if link.share_marked:
        data["marked_entries"] = Entry.objects.filter(user=client, bring_to_session=True)[:20]
        data["marked_runs"] = Run.objects.filter(user=client, bring_to_session=True)[:20]
    return data


def as_data(link: CareLink, since: date) -> dict[str, Any]:
    """The same summary as plain data, for the API and the terminal."""
    parts = session_summary(link, since)
    data: dict[str, Any] = {"client": link.client.display_name or link.client.email, "since": since.isoformat()}
    if "measures" in parts:
        data["measures"] = [
            {
                "instrument": found.id,
                "completed": latest.completed.isoformat() if latest.completed else None,
                "total": latest.result.get("total"),
                "band": latest.result.get("band"),
                "subscales": latest.result.get("subscales", {}),
                "change": change.to_dict() if change else None,
            }
            for found, latest, change in parts["measures"]
        ]
    if "homework" in parts:
        data["homework"] = [
            {"practice": a.practice_id, "schedule": a.schedule, **{k: v for k, v in h.items() if k != "ratings"},
             "ratings": [{"when": w.isoformat(), "name": n, "before": b, "after": f} for w, n, b, f in h["ratings"]]}
            for a, h in parts["homework"]
        ]  # fmt: skip
        data["practices"] = [
            {
                "practice": r.practice_id,
                "started": r.started.isoformat(),
                "finished": bool(r.finished),
                "ratings": r.ratings,
            }
            for r in parts["runs"]
        ]
    if "marked_entries" in parts:
        data["brought_to_session"] = [
            {"journal_entry": e.created.isoformat(), "text": e.text} for e in parts["marked_entries"]
        ] + [
            {
                "practice": r.title,
                "started": r.started.isoformat(),
                "answers": [v for v in r.answers.values() if v is not True],
            }
            for r in parts["marked_runs"]
        ]
    return data
