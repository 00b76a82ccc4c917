"""The clinic's brand: its initials and its four colours (CLINIC['brand']), checked once.

The drawn logo and icons (pages/brand.py), the theme's accent colours in the published
stylesheet and the share cards all take their colours from here, so a clinic makes
the site its own from its facts alone. A colour that the theme would show with too
little contrast (WCAG AA) stops the build, naming the pair, its ratio and the fix:
the site's links and buttons must stay readable whatever colours a clinic chooses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.colours import contrast_ratio, is_hex_colour, root_colours
from ..core.problems import Problem

# Named as the clinic writes them: clinic.toml's [brand] table (CLINIC['brand'] in Python).
WHERE = "clinic.toml [brand]"
COLOUR_KEYS = ("accent", "accent_text", "accent_dark", "accent_text_dark")
MAX_INITIALS = 3
TEXT_CONTRAST = 4.5  # WCAG AA, text of normal size (SC 1.4.3)
BRAND_HINT = (
    "write {'initials': 'SD', 'colors': {'accent': '#0a5f66', 'accent_text': '#ffffff', "
    "'accent_dark': '#7fd3d9', 'accent_text_dark': '#0b1a1c'}}"
)


@dataclass(frozen=True)
class BrandColours:
    """The theme's accent (links, buttons) and the text on it, light and dark, `#rrggbb`."""

    accent: str = "#0a5f66"
    accent_text: str = "#ffffff"
    accent_dark: str = "#7fd3d9"
    accent_text_dark: str = "#0b1a1c"

    def light(self) -> dict[str, str]:
        """The light `:root` custom properties these colours set."""
        return {"accent": self.accent, "accent-text": self.accent_text}

    def dark(self) -> dict[str, str]:
        """The dark-mode `:root` custom properties these colours set."""
        return {"accent": self.accent_dark, "accent-text": self.accent_text_dark}


@dataclass(frozen=True)
class Brand:
    """What the drawn pictures and the theme's colours are made from."""

    initials: str = "SD"
    colours: BrandColours = BrandColours()
    draws_logo: bool = True  # False: CLINIC['logo'] is the clinic's own picture


def parse_brand(raw: object, draws_logo: bool) -> tuple[Brand | None, list[Problem]]:
    """CLINIC['brand'] as a Brand, or the problems that stop it being one."""
    if not isinstance(raw, Mapping):
        return None, [Problem(WHERE, "expected a dict of initials and colors", BRAND_HINT)]
    problems = []
    initials = raw.get("initials")
    if not isinstance(initials, str) or not initials.strip():
        problems.append(
            Problem(f"{WHERE} initials", f"cannot read {initials!r}", "write 1 to 3 letters")
        )
    elif len(initials) > MAX_INITIALS or not initials.isalnum():
        problems.append(
            Problem(
                f"{WHERE} initials",
                f"{initials!r} is not 1 to {MAX_INITIALS} letters or digits",
                "write the clinic's initials, e.g. 'SD' (they are drawn on the logo and icons)",
            )
        )
    colours = raw.get("colors")
    if not isinstance(colours, Mapping):
        problems.append(Problem(WHERE, f"cannot read {colours!r}", BRAND_HINT))
        return None, problems
    for key in COLOUR_KEYS:
        value = colours.get(key)
        if not is_hex_colour(value):
            problems.append(
                Problem(
                    f"{WHERE} {key}",
                    f"{value!r} is not a colour written #rrggbb" if value else "missing",
                    "write six hex digits after #, e.g. '#0a5f66'",
                )
            )
    unknown = sorted(set(colours) - set(COLOUR_KEYS))
    if unknown:
        problems.append(Problem(WHERE, f"unknown {unknown}", f"use {', '.join(COLOUR_KEYS)}"))
    if problems:
        return None, problems
    chosen = BrandColours(**{key: colours[key].lower() for key in COLOUR_KEYS})
    return Brand(initials=initials, colours=chosen, draws_logo=draws_logo), []


def _shown(ratio: float) -> str:
    """A ratio as WCAG's "4.4:1", rounded down: a pair just short never reads as enough."""
    return f"{math.floor(ratio * 10) / 10:g}:1"


def contrast_problems(colours: BrandColours, theme_css: str) -> list[Problem]:
    """Each pair of the brand's colours and the theme's backgrounds that the pages would
    show below WCAG AA for text (4.5:1): links in the accent on the page (--bg) and on
    panels (--surface), the buttons' text on the accent, in light and dark mode."""
    light, dark = root_colours(theme_css)
    pairs = []
    for mode, accent, text, page, darker in (
        ("", colours.accent, colours.accent_text, light, "darker"),
        (" (dark mode)", colours.accent_dark, colours.accent_text_dark, dark, "lighter"),
    ):
        name = "accent" if not mode else "accent_dark"
        text_name = "accent_text" if not mode else "accent_text_dark"
        for background, what in (("bg", "the page background"), ("surface", "the panels")):
            if background in page:
                fix = f"choose a {darker} {name}"
                pairs.append(
                    (
                        f"{name} {accent} on {what}{mode} {page[background]}",
                        accent,
                        page[background],
                        fix,
                    )
                )
        best = max(("#ffffff", "#000000"), key=lambda c, a=accent: contrast_ratio(c, a))
        fix = f"make {text_name} stand out from {name}, e.g. {best}"
        pairs.append((f"{text_name} {text} on {name} {accent} (buttons)", text, accent, fix))
    problems = []
    for what, first, second, fix in pairs:
        ratio = contrast_ratio(first, second)
        if ratio < TEXT_CONTRAST:
            problems.append(
                Problem(
                    WHERE,
                    f"{what} has a contrast of {_shown(ratio)}; WCAG AA needs "
                    f"{_shown(TEXT_CONTRAST)} for text",
                    fix,
                )
            )
    return problems
