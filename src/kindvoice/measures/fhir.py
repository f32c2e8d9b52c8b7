"""An administration as a FHIR R4 QuestionnaireResponse, so a clinician can take it into other systems.

Answers are codings in a kindvoice code system (the option's value as the code, its label as
the display): we do not have verified LOINC answer codes, so we do not invent them. The
questionnaire is the LOINC panel where one exists (PHQ-9 44249-1, GAD-7 69737-5).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kindvoice.measures.schema import Instrument
from kindvoice.measures.score import Score

SYSTEM = "urn:kindvoice:instrument"


def questionnaire(instrument: Instrument) -> str:
    if instrument.loinc:
        return f"http://loinc.org/q/{instrument.loinc}"
    return f"{SYSTEM}:{instrument.id}"


def response(
    instrument: Instrument,
    answers: dict[int, int | None],
    result: Score,
    authored: datetime,
    identifier: str,
    substitutions: dict[str, str] | None = None,
) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in instrument.items:
        value = answers.get(item.number)
        entry: dict[str, Any] = {"linkId": str(item.number), "text": instrument.text_of(item, substitutions)}
        if value is not None:
            label = next((o.label for o in instrument.options_for(item) if o.value == value), "") or str(value)
            # An item with options of its own (the difficulty question) gets a system of its own,
            # so a code never means two things.
            system = f"{SYSTEM}:{instrument.id}:" + (f"item-{item.number}:options" if item.options else "options")
            coding = {"system": system, "code": str(value), "display": label}
            entry["answer"] = [{"valueCoding": coding}]
        items.append(entry)
    total: dict[str, Any] = {"linkId": "total", "text": f"{instrument.short_name} total score"}
    total["answer"] = [_number(result.total)]
    items.append(total)
    for name, subscale in result.subscales.items():
        items.append({"linkId": f"subscale-{name}", "text": name.replace("_", " "), "answer": [_number(subscale)]})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": identifier,
        "identifier": {"system": "urn:kindvoice:administration", "value": identifier},
        "questionnaire": questionnaire(instrument),
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "item": items,
    }


def _number(value: float) -> dict[str, Any]:
    return {"valueInteger": int(value)} if float(value).is_integer() else {"valueDecimal": float(value)}


def bundle(responses: list[dict[str, Any]]) -> dict[str, Any]:
    """Several responses in one file: a FHIR collection Bundle."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in responses],
    }
