"""The articles of each tag, category and author, in lists that answer `in` at once.

Pelican writes each tag's, category's and author's pages with the articles in date
order, which it works out by asking, of every article of the site, whether it is in
that tag's list (`article in articles`, pelican/generators.py): a walk along the
list each time. With 10,000 posts and 50 tags that is hundreds of millions of
comparisons, 4 s of a 21 s rebuild after one edit, and it grows with the square of
the site. The lists are handed over once they are complete (after the article
generator has finished) as `Members`: the same articles in the same order, whose
`in` looks the article up among their identities. Articles are compared by identity
there anyway (Pelican's content objects define no equality), so every page is the
same, byte for byte (tests/site/test_incremental.py, test_identical.py).
"""

from __future__ import annotations

from collections.abc import Iterable


class Members(list):
    """A complete list of articles whose `in` is a look-up, not a walk along the list.

    Made once the list is final: it is not to be changed afterwards (the look-up would
    not see the change). Saved or sent to another process as the plain list it is."""

    def __init__(self, items: Iterable = ()) -> None:
        super().__init__(items)
        self._identities = frozenset(map(id, self))

    def __contains__(self, item: object) -> bool:
        return id(item) in self._identities

    def __reduce__(self):
        return (list, (list(self),))


def quick_membership(generator) -> None:
    """The article generator's tags, categories and authors as `Members`, in the
    generator and in the context its templates read (article_generator_finalized)."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = Members(articles)
        generator.context["tags"] = list(tags.items())
    for name in ("categories", "authors"):
        groups = getattr(generator, name, None)
        if isinstance(groups, list):
            groups[:] = [(key, Members(articles)) for key, articles in groups]
