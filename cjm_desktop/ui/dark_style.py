"""The dark theme of the widgets: a palette, and Fusion with outlines that show on dark grey."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

# Frames and outlines of the dark theme: Mid is the outline of line edits, spin boxes, check
# boxes and item views (3.6:1 against the window, 4.3:1 against the base), Dark the shade side of
# bevels (3.3:1). Disabled outlines are dimmer on purpose; WCAG exempts inactive controls.
DARK_OUTLINE = "#80838a"
DARK_OUTLINE_DISABLED = "#63666c"
DARK_TITLE_ICON = "#d0d0d0"


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2d30", roles.WindowText: "#ececec", roles.Base: "#1e1f22",
        roles.AlternateBase: "#26282c", roles.ToolTipBase: "#3a3c40", roles.ToolTipText: "#ececec",
        roles.Text: "#ececec", roles.Button: "#33363a", roles.ButtonText: "#ececec",
        roles.BrightText: "#ff6b6b", roles.Link: "#86bbd8", roles.Highlight: "#3b6ea5",
        roles.HighlightedText: "#ffffff", roles.PlaceholderText: "#9a9a9a",
        roles.Light: "#9a9da3", roles.Midlight: "#5c5f65", roles.Mid: DARK_OUTLINE,
        roles.Dark: "#787b82", roles.Shadow: "#0e0f10",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Mid, QColor(DARK_OUTLINE_DISABLED))
    return palette


_PE = QStyle.PrimitiveElement
_SP = QStyle.StandardPixmap
# Fusion draws these outlines in Window.darker(140) whatever the palette says, which on a dark
# window is an almost black line on dark grey. DarkFusionStyle hands them the Mid role instead.
_OUTLINED_PRIMITIVES = (_PE.PE_FrameLineEdit, _PE.PE_IndicatorCheckBox, _PE.PE_Frame)
_OUTLINED_CONTROLS = (QStyle.ComplexControl.CC_SpinBox,)
_TITLE_ICONS = (_SP.SP_TitleBarNormalButton, _SP.SP_TitleBarCloseButton,
                _SP.SP_DockWidgetCloseButton)


def _with_mid_outline(option: QStyleOption) -> QStyleOption:
    """A copy of the option whose Window makes Fusion's outline (Window.darker(140)) be Mid."""
    copy = type(option)(option)
    palette = QPalette(copy.palette)
    palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Mid).lighter(140))
    copy.palette = palette
    return copy


def _title_icon(kind: QStyle.StandardPixmap, colour: str = DARK_TITLE_ICON) -> QIcon:
    """Float and close buttons of dock titles, drawn light enough to see on the dark title.

    Drawn at several sizes: the title buttons ask for small icons, and a scaled-down 16 px
    drawing turns into a grey smudge.
    """
    icon = QIcon()
    for size in (8, 10, 12, 14, 16, 20, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1.3, size / 8)
        painter.setPen(QPen(QColor(colour), width, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.MiterJoin))
        m = width / 2 + size * 0.08  # margin that keeps the pen inside the pixmap
        span = size - 2 * m
        if kind == _SP.SP_TitleBarNormalButton:  # float: two overlapping windows
            box = span * 0.68
            painter.drawRect(QRectF(m + span - box, m, box, box))
            painter.drawRect(QRectF(m, m + span - box, box, box))
        else:  # close: a cross
            painter.drawLine(QPointF(m, m), QPointF(m + span, m + span))
            painter.drawLine(QPointF(m + span, m), QPointF(m, m + span))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class DarkFusionStyle(QProxyStyle):
    """Fusion for the dark theme: outlines and dock title buttons that show on dark grey."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element in _OUTLINED_PRIMITIVES:
            option = _with_mid_outline(option)
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(self, control: QStyle.ComplexControl,  # noqa: N802
                           option: QStyleOption, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        if control in _OUTLINED_CONTROLS:
            option = _with_mid_outline(option)
        super().drawComplexControl(control, option, painter, widget)

    def standardIcon(self, standard_icon: QStyle.StandardPixmap,  # noqa: N802
                     option: QStyleOption | None = None, widget: QWidget | None = None) -> QIcon:
        if standard_icon in _TITLE_ICONS:
            return _title_icon(standard_icon)
        return super().standardIcon(standard_icon, option, widget)
