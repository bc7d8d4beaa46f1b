"""Cards on the system clipboard, so they can be pasted into another map or window."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from ..model import MAX_LONG_TEXT, Card

CARDS_MIME = "application/x-cjm-cards+json"
CARD_FIELDS = ("text", "colour", "tags", "author")
MAX_PASTED_CARDS = 500


def cards_to_mime(cards: list[Card]) -> QMimeData:
    data = QMimeData()
    payload = [{k: getattr(card, k) for k in CARD_FIELDS} for card in cards]
    data.setData(CARDS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    data.setText("\n".join(card.text for card in cards))
    return data


def cards_from_mime(data: QMimeData | None) -> list[dict[str, object]]:
    """Card fields from our own format, or one card per line of plain text from elsewhere."""
    if data is None:
        return []
    if data.hasFormat(CARDS_MIME):
        try:
            payload = json.loads(bytes(data.data(CARDS_MIME)).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            payload = []
        cards: list[dict[str, object]] = []
        for entry in payload if isinstance(payload, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                cards.append({k: entry[k] for k in CARD_FIELDS if k in entry})
        return cards[:MAX_PASTED_CARDS]
    if data.hasText():
        lines = [line.strip() for line in data.text().splitlines() if line.strip()]
        return [{"text": line[:MAX_LONG_TEXT]} for line in lines[:MAX_PASTED_CARDS]]
    return []
