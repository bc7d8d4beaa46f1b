"""Names the user reads for values stored in the file: colours, journey kinds and states.

The file keeps the neutral values ("yellow", "customer", "future"); the window shows these
translated names. Poster labels are not taken from here: the poster stays in English.
"""

from __future__ import annotations

from .i18n import mark, tr, tr_marked
from .model import JourneyKind, JourneyState, LaneKind

_C = "labels"  # translation context of this module

_COLOURS = {
    "yellow": mark(_C, "Yellow"), "orange": mark(_C, "Orange"), "pink": mark(_C, "Pink"),
    "green": mark(_C, "Green"), "blue": mark(_C, "Blue"), "purple": mark(_C, "Purple"),
    "grey": mark(_C, "Grey"),
}
_KINDS = {
    JourneyKind.CUSTOMER: mark(_C, "Customer journey"),
    JourneyKind.EMPLOYEE: mark(_C, "Employee journey"),
    JourneyKind.VENDOR: mark(_C, "Vendor or partner journey"),
}
_STATES = {JourneyState.CURRENT: mark(_C, "current"), JourneyState.FUTURE: mark(_C, "future")}


def colour_name(key: str) -> str:
    """"Yellow" for "yellow" (translated); an unknown key is shown as it is."""
    name = _COLOURS.get(key)
    return tr_marked(_C, name) if name else key


def journey_kind_name(kind: JourneyKind) -> str:
    """"Customer journey", "Employee journey" or "Vendor or partner journey" (translated)."""
    return tr_marked(_C, _KINDS[kind])


def journey_state_name(state: JourneyState) -> str:
    """"current" or "future" (translated), as it reads after a journey kind."""
    return tr_marked(_C, _STATES[state])


def journey_kinds() -> list[JourneyKind]:
    return list(_KINDS)


def journey_description(kind: JourneyKind, state: JourneyState) -> str:
    """"Customer journey, current" (translated)."""
    return tr(_C, "{kind}, {state}").format(kind=journey_kind_name(kind),
                                            state=journey_state_name(state))


def journey_choice_label(name: str, kind: JourneyKind, state: JourneyState) -> str:
    """A journey in a list: "Göteborg → Stockholm (Customer journey, current)"."""
    return tr(_C, "{name} ({description})").format(name=name,
                                                  description=journey_description(kind, state))


_LANE_KINDS = {
    LaneKind.ACTIONS: mark(_C, "actions"), LaneKind.TOUCHPOINTS: mark(_C, "touchpoints"),
    LaneKind.SERVICE_DELIVERY: mark(_C, "service delivery"),
    LaneKind.BACKOFFICE: mark(_C, "backoffice"), LaneKind.CUSTOM: mark(_C, "custom lane"),
}


def lane_kind_name(kind: LaneKind) -> str:
    """"actions", "service delivery", "custom lane"… (translated, lower case: a sub-label)."""
    return tr_marked(_C, _LANE_KINDS[LaneKind(kind)])


_LANE_TITLES = {
    LaneKind.ACTIONS: mark(_C, "Actions"), LaneKind.TOUCHPOINTS: mark(_C, "Touchpoints"),
    LaneKind.SERVICE_DELIVERY: mark(_C, "Service delivery"),
    LaneKind.BACKOFFICE: mark(_C, "Backoffice"),
}


def lane_title(kind: LaneKind) -> str:
    """The name a new standard lane gets: "Actions", "Touchpoints"… (translated)."""
    return tr_marked(_C, _LANE_TITLES[LaneKind(kind)])


def lane_kind_untranslated(kind: LaneKind) -> str:
    return _LANE_KINDS[LaneKind(kind)]
