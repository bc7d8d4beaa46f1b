"""What the canvas header and card chips show for the method; pure functions, no Qt.

The canvas (owned elsewhere) calls these so it draws exactly what the poster prints.
"""

from __future__ import annotations

from ...model import Card, Journey, Project


def header_lines(project: Project, journey: Journey) -> list[str]:
    """Persona, desired outcome and impression words of a journey, one line each (may be [])."""
    lines: list[str] = []
    kind = f"{journey.kind.value.capitalize()} journey, {journey.state.value}"
    persona = project.persona(journey.persona_id)
    if persona is not None:
        segment = f" — {persona.segment}" if persona.segment else ""
        lines.append(f"Persona: {persona.name}{segment} · {kind}")
    else:
        lines.append(kind)
    outcome = project.desired_outcome
    if outcome.customer.strip():
        lines.append(f"Customer wants: {' '.join(outcome.customer.split())}")
    if outcome.business.strip():
        lines.append(f"Business wants: {' '.join(outcome.business.split())}")
    words = [w for w in journey.impression_words if w.strip()]
    if words:
        lines.append("Lasting impression: " + " · ".join(words))
    return lines


def card_chips(project: Project, card: Card) -> list[str]:
    """Names of the stakeholders a card is linked to, in the project's order."""
    linked = set(card.stakeholder_ids)
    return [s.name for s in project.stakeholders if s.id in linked]
