"""What the journey header bar and card chips show for the method, in the UI language."""

from __future__ import annotations

from ...i18n import tr
from ...labels import journey_description
from ...model import Card, Journey, Project

_C = "ui.method.header"  # translation context of this module


def header_lines(project: Project, journey: Journey) -> list[str]:
    """Persona, desired outcome and impression words of a journey, one line each (may be [])."""
    lines: list[str] = []
    kind = journey_description(journey.kind, journey.state)
    persona = project.persona(journey.persona_id)
    if persona is not None:
        who = f"{persona.name} — {persona.segment}" if persona.segment else persona.name
        lines.append(tr(_C, "Persona: {persona} · {kind}").format(persona=who, kind=kind))
    else:
        lines.append(kind)
    outcome = project.desired_outcome
    if outcome.customer.strip():
        lines.append(tr(_C, "Customer wants: {text}").format(text=" ".join(outcome.customer.split())))
    if outcome.business.strip():
        lines.append(tr(_C, "Business wants: {text}").format(text=" ".join(outcome.business.split())))
    words = [w for w in journey.impression_words if w.strip()]
    if words:
        lines.append(tr(_C, "Lasting impression: {words}").format(words=" · ".join(words)))
    return lines


def card_chips(project: Project, card: Card) -> list[str]:
    """Names of the stakeholders a card is linked to, in the project's order."""
    linked = set(card.stakeholder_ids)
    return [s.name for s in project.stakeholders if s.id in linked]
