"""Each edition's Atom feeds say which edition they are.

Pelican makes every feed the same way (pelican/writers.py): its id and its
alternate link are the site's root, and it names no language. The editions share
one site root, so a Spanish feed would claim the English feed's id and lead to the
English site. Here, as each feed is made, it gets its edition's language
(`xml:lang`, BCP 47, as `<html lang>`), and an edition below the root gets its own
home as the alternate link and its own address as its id. The first edition's
feeds keep the id and link they have always had: readers know them by it.
"""

from __future__ import annotations

from collections.abc import MutableMapping


def mark_edition(feed: MutableMapping, language: str, home: str) -> None:
    """Change `feed` (feedgenerator's `feed.feed` values) into edition `home`'s ("" for
    the first, "es/" for Spanish), in `language` ("es-US")."""
    feed["language"] = language
    if not home:
        return
    feed["link"] = feed["link"].rstrip("/") + "/" + home
    feed["id"] = feed["feed_url"] or feed["link"]
