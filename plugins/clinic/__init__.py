"""The clinic plugin: connects the clinic's pure functions to Pelican's signals."""

from __future__ import annotations

from pelican import signals

from .facts import clinic_view
from .typography import display_title, typeset


def add_clinic_to_settings(pelican) -> None:
    """Derive the clinic's display facts once per build, for every template."""
    pelican.settings["CLINIC_VIEW"] = clinic_view(pelican.settings["CLINIC"])


def prepare_content(content) -> None:
    """Typeset the body and the display title; metadata stays plain text."""
    typeset_on = content.settings.get("CLINIC_TYPOGRIFY", True)
    content.display_title = display_title(getattr(content, "title", ""), typeset_on)
    if typeset_on and content._content:
        content._content = typeset(content._content)


def register() -> None:
    signals.initialized.connect(add_clinic_to_settings)
    signals.content_object_init.connect(prepare_content)
