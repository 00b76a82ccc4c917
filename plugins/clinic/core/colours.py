"""Colours as the settings, the theme and the drawings share them: `#rrggbb`, WCAG's
contrast, and the custom properties of a stylesheet's `:root` blocks.

Here, below every package, so that the settings' contrast rule and the share cards
judge colours with the same arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_ROOT = re.compile(r":root\s*\{([^}]*)\}")
_DARK = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{\s*:root\s*\{([^}]*)\}")
_PROPERTY = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;")


def is_hex_colour(value: object) -> bool:
    """Whether `value` is written `#rrggbb` (six hex digits), as the settings take colours."""
    return isinstance(value, str) and HEX_COLOUR.fullmatch(value) is not None


def rgb(colour: str) -> tuple[int, int, int]:
    """`#rrggbb` (or `#rgb`) as three 0-255 channels."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def root_colours(css: str) -> tuple[dict[str, str], dict[str, str]]:
    """The colour custom properties of a stylesheet's first `:root` block (light) and of
    its `:root` inside `@media (prefers-color-scheme: dark)` (dark), by name without `--`."""
    light = _ROOT.search(css)
    dark = _DARK.search(css)
    return (
        dict(_PROPERTY.findall(light.group(1) if light else "")),
        dict(_PROPERTY.findall(dark.group(1) if dark else "")),
    )


def with_root_colours(css: str, light: Mapping[str, str], dark: Mapping[str, str]) -> str:
    """`css` with the values of the named custom properties replaced, in the first `:root`
    block (`light`) and in the dark-mode one (`dark`); every other byte kept as it was."""
    for pattern, values in ((_DARK, dark), (_ROOT, light)):  # the later block first
        found = pattern.search(css)
        if found is None:
            continue
        start, end = found.span(1)
        inner = _PROPERTY.sub(
            lambda prop, values=values: prop.group(0).replace(
                prop.group(2), values.get(prop.group(1), prop.group(2))
            ),
            css[start:end],
        )
        css = css[:start] + inner + css[end:]
    return css
