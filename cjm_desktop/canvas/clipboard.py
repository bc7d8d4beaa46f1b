"""Cards on the system clipboard, so they can be pasted into another map or window."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard

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
                card = {k: entry[k] for k in CARD_FIELDS if k in entry}
                card["text"] = entry["text"][:MAX_LONG_TEXT]  # another program's data: trust nothing
                cards.append(card)
        return cards[:MAX_PASTED_CARDS]
    if data.hasText():
        lines = [line.strip() for line in data.text().splitlines() if line.strip()]
        return [{"text": line[:MAX_LONG_TEXT]} for line in lines[:MAX_PASTED_CARDS]]
    return []


def keep_text_only(clipboard: QClipboard) -> None:
    """Before the app ends: leave copied cards on the clipboard as plain text only.

    PySide6 6.x crashes while tearing down an application whose clipboard still holds
    mime data it created (reproduced with a five-line script), so on quit the cards'
    own format is dropped and other programs can still paste their text.
    """
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(CARDS_MIME):
        clipboard.setText(data.text())
