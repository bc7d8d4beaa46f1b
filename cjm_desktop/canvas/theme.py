"""Colours and weights of the canvas; one theme for the desk, one for the projector."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted_text: str
    grid: str
    gutter: str
    stage_fill: tuple[str, ...]
    stage_text: str
    step_fill: str
    step_number_fill: str
    step_number_text: str
    lane_fill: dict[str, str]
    lane_text: str
    emotion_fill: str
    emotion_grid: str
    emotion_line: str
    point_fill: str
    pain: str
    moment_of_truth: str
    selection: str
    drop_target: str
    card_border: str
    line_width: float


LIGHT = Theme(
    name="light",
    background="#f7f7f5",
    text="#1b1b1b",
    muted_text="#5a5a5a",
    grid="#d6d6d2",
    gutter="#ecebe7",
    stage_fill=("#2f4858", "#33658a", "#3a7d7c", "#55647a"),
    stage_text="#ffffff",
    step_fill="#ffffff",
    step_number_fill="#33658a",
    step_number_text="#ffffff",
    lane_fill={
        "actions": "#e8f0fb",
        "touchpoints": "#eaf6ee",
        "service_delivery": "#fdf3e3",
        "backoffice": "#f1ecf8",
        "custom": "#f0f0f0",
    },
    lane_text="#1b1b1b",
    emotion_fill="#ffffff",
    emotion_grid="#e4e4e0",
    emotion_line="#33658a",
    point_fill="#33658a",
    pain="#c62828",
    moment_of_truth="#b35c00",
    selection="#1565c0",
    drop_target="#1565c0",
    card_border="#00000033",
    line_width=1.0,
)

# Projectors wash out pale tints and thin lines: stronger fills, thicker strokes.
PROJECTOR = Theme(
    name="projector",
    background="#ffffff",
    text="#000000",
    muted_text="#222222",
    grid="#8a8a8a",
    gutter="#e0e0e0",
    stage_fill=("#000000", "#1a3a5c", "#1d4d3c", "#3d2a5c"),
    stage_text="#ffffff",
    step_fill="#ffffff",
    step_number_fill="#000000",
    step_number_text="#ffffff",
    lane_fill={
        "actions": "#d7e6fb",
        "touchpoints": "#d6f0de",
        "service_delivery": "#fbe6c4",
        "backoffice": "#e4d9f5",
        "custom": "#e6e6e6",
    },
    lane_text="#000000",
    emotion_fill="#ffffff",
    emotion_grid="#bdbdbd",
    emotion_line="#000000",
    point_fill="#000000",
    pain="#b00020",
    moment_of_truth="#9a4a00",
    selection="#0d47a1",
    drop_target="#0d47a1",
    card_border="#00000080",
    line_width=2.0,
)

DARK = Theme(
    name="dark",
    background="#1e1f22",
    text="#ececec",
    muted_text="#b0b0b0",
    grid="#3a3c40",
    gutter="#26282c",
    stage_fill=("#33658a", "#2f4858", "#3a7d7c", "#55647a"),
    stage_text="#ffffff",
    step_fill="#2a2c30",
    step_number_fill="#86bbd8",
    step_number_text="#111111",
    lane_fill={
        "actions": "#253041",
        "touchpoints": "#243329",
        "service_delivery": "#3a3122",
        "backoffice": "#2f2a3a",
        "custom": "#2c2c2c",
    },
    lane_text="#ececec",
    emotion_fill="#25272b",
    emotion_grid="#34363a",
    emotion_line="#86bbd8",
    point_fill="#86bbd8",
    pain="#ff6b6b",
    moment_of_truth="#ffb74d",
    selection="#64b5f6",
    drop_target="#64b5f6",
    card_border="#00000066",
    line_width=1.0,
)

THEMES = {t.name: t for t in (LIGHT, PROJECTOR, DARK)}
