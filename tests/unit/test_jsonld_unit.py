"""Unit tests for the graph builder and the serialiser, against the real schema.org vocabulary."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.pages.jsonld import to_script_json
from clinic.pages.pageinfo import describe, headline, word_count


@pytest.mark.unit
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Short title", "Short title"),
        ("word " * 30, ("word " * 21).strip() + "…"),
    ],
)
def test_headline_fits_110_characters(title, expected):
    assert headline(title) == expected
    assert len(headline(title)) <= 110


@pytest.mark.unit
def test_word_count_and_description_ignore_markup():
    body = '<p>Three <span class="caps">DIY</span>&nbsp;words</p>'
    assert word_count(body) == 3
    assert describe(None, body) == "Three DIY words"
    assert describe("  Own   summary ", body) == "Own summary"


@pytest.mark.unit
def test_serialised_json_cannot_end_the_script_element():
    graph = {"@graph": [{"name": "</script><script>alert(1)</script> & <!-- 'x'"}]}
    text = to_script_json(graph)
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text) == graph


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.unit
@given(json_values)
def test_serialiser_round_trips_any_json(value):
    assert json.loads(to_script_json({"value": value})) == {"value": value}


@pytest.mark.unit
@given(st.text())
def test_serialiser_output_is_inert_in_html(text):
    serialised = to_script_json({"name": text})
    assert not set("<>&'") & set(serialised)
    assert "</script" not in serialised.lower()


@pytest.mark.unit
@given(st.dictionaries(st.text(max_size=5), st.integers(), max_size=5))
def test_serialiser_is_deterministic(mapping):
    reordered = dict(reversed(list(mapping.items())))
    assert to_script_json(mapping) == to_script_json(reordered)
