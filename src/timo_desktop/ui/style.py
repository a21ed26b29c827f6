"""Timo's look: a few accents over the platform style, light or dark as the system is."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from timo_desktop.ui.plain import PlainLabel

GREEN = "#2e9d5b"
RED = "#d64545"
AMBER = "#c98a1b"

# Style sheets go on the few widgets they dress, never on the whole app: under an app-wide
# sheet Qt draws every widget through its style-sheet style, which cost the first
# window ~15-40 ms and slows every paint of the entry list.
TIMER_BAR = f"""
#timerBar {{ background: palette(base); border-bottom: 1px solid palette(mid); }}
#timerBar QLineEdit#description {{
    font-size: 15px; padding: 6px 4px; border: none; background: transparent;
}}
#timerBar QLineEdit {{
    padding: 4px; border: 1px solid palette(mid); border-radius: 3px; background: palette(base);
}}
#timerBar QLineEdit:focus {{ border-color: palette(highlight); }}
QPushButton#startStop {{
    background: {GREEN}; color: white; font-weight: bold; font-size: 14px;
    border: none; border-radius: 16px; padding: 7px 20px;
}}
QPushButton#startStop:hover {{ background: #268a4f; }}
QPushButton#startStop[running="true"] {{ background: {RED}; }}
QPushButton#startStop[running="true"]:hover {{ background: #bf3b3b; }}
QPushButton#startStop:focus {{ border: 2px solid palette(highlight); }}
#runningLabel {{ color: {GREEN}; font-weight: bold; }}
#elapsed {{ font-size: 20px; font-weight: bold; }}
"""
BILLABLE = f"""
QToolButton {{
    font-weight: bold; min-width: 26px; min-height: 26px; color: palette(placeholder-text);
}}
QToolButton:checked {{ color: {GREEN}; }}
"""
SYNC_STATUS = f"""
QLabel[tone="good"] {{ color: {GREEN}; }}
QLabel[tone="waiting"] {{ color: {AMBER}; }}
QLabel[tone="bad"] {{ color: {RED}; font-weight: bold; }}
"""
UNDO_BAR = "#undoBar { background: palette(tool-tip-base); border-top: 1px solid palette(mid); }"
NOTICE = """
QLabel { background: palette(tool-tip-base); color: palette(tool-tip-text); padding: 8px 12px; }
"""
EMPTY_STATE = """
QLabel { color: palette(placeholder-text); font-size: 14px; qproperty-alignment: AlignCenter; }
"""
FIELD_ERROR = f"QLabel {{ color: {RED}; }}"


def problem_label(about: str) -> PlainLabel:
    """A hidden red line that says, in plain words, what is wrong beside what it is about
    (`about`, which screen readers hear before the words)."""
    label = PlainLabel()
    label.setStyleSheet(FIELD_ERROR)
    label.setWordWrap(True)
    label.set_about(about)
    label.hide()
    return label


DARK = 128  # a window colour less light than this is a dark scheme
OUTLINE = "#a8adb4"  # Fusion draws it 1.4 times darker: #787b80 on #202124
OUTLINED = ("QCheckBox", "QRadioButton", "QLineEdit", "QAbstractSpinBox", "QComboBox")


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on (`[tone="bad"]`). A widget already styled is
    re-styled only when the value changes: re-polishing under a style sheet is slow."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


FUSION = sys.platform.startswith("linux")  # Timo's style there; the platform's elsewhere


def qt_arguments(program: str) -> list[str]:
    """The arguments to make Timo's QApplication with: Fusion is asked for here on Linux.
    `setStyle` would hand back the style, and the first QStyle Python sees creates the
    class's 566 enum members (~10 ms before the window shows)."""
    return [program, "-style", "Fusion"] if FUSION else [program]


def apply(app: QApplication) -> None:
    """Follow the system colour scheme (Fusion on Linux, chosen by `qt_arguments`)."""
    follow_color_scheme(app, fusion=FUSION, starting=True)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: follow_color_scheme(app, fusion=FUSION)
    )


def follow_color_scheme(app: QApplication, *, fusion: bool, starting: bool = False) -> None:
    """Fusion needs a dark palette given to it where the platform theme does not. Starting
    light, Fusion's own palette stands (asking the style for it costs ~5 ms before the window
    shows). The widgets' style sheets are set again so their palette() colours follow."""
    palette = None
    if fusion:
        if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
            palette = dark_palette()
        elif not starting:
            palette = app.style().standardPalette()
    use_palette(app, palette)


def use_palette(app: QApplication, palette: QPalette | None) -> None:
    """Colour the app with `palette` (None keeps the one it has); each widget's style sheet
    is set again so its palette() colours follow."""
    if palette is not None:
        app.setPalette(palette)
        # Fusion outlines fields and boxes in the window colour made darker, which
        # on a dark window is all but invisible (1.1:1); their own lighter window colour
        # gives an outline that stands out (over 3:1), and paints nothing else.
        outlined = QPalette(palette)
        if palette.color(QPalette.ColorRole.Window).lightness() < DARK:
            outlined.setColor(QPalette.ColorRole.Window, QColor(OUTLINE))
        for kind in OUTLINED:
            app.setPalette(outlined, kind)
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#26272b",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2b2c30",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#3d7be0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2f3136",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#8a8d93",
        QPalette.ColorRole.Mid: "#3a3b40",
        QPalette.ColorRole.Link: "#7aa7f0",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    # Set above for every group, disabled text would look enabled. Dimmed, it still reads
    # (over 3:1 on the window, fields and buttons), as Fusion's light palette does it.
    for role, colour in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


# The dark palette's disabled colours: text #80848a is 4.3:1 on the window, 4.7:1 on a
# field and 3.7:1 on a button (enabled text is 11-15:1); a disabled selection is grey.
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#80848a",
    QPalette.ColorRole.Text: "#80848a",
    QPalette.ColorRole.ButtonText: "#80848a",
    QPalette.ColorRole.HighlightedText: "#c4c7cc",
    QPalette.ColorRole.Highlight: "#45474d",
    QPalette.ColorRole.PlaceholderText: "#6f7278",
    QPalette.ColorRole.Link: "#5b7bb0",
}
