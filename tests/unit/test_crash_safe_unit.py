"""The pieces that keep a build whole, one at a time and without a build (issue #27):
the cache files' check and save, a write stopped half-way, the swap of output/ (with
and without renameat2), a kill between its steps, and the pruning of old cache
folders. tests/site/test_crash_safe.py runs whole builds."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from clinic.build import pelicancache
from clinic.core.atomic import write_atomically
from tools import build as tools_build
from tools.build import (
    exchange,
    prepare_cache,
    prune_generations,
    recover_output,
    replace_directory,
)


def _site(folder: Path, mark: str, count: int = 20) -> None:
    folder.mkdir()
    for number in range(count):
        (folder / f"{number}.html").write_text(mark)


def exchange_works(folder: Path) -> bool:
    first, second = folder / "probe-a", folder / "probe-b"
    first.mkdir()
    second.mkdir()
    try:
        return exchange(first, second)
    finally:
        first.rmdir()
        second.rmdir()


@pytest.mark.unit
def test_a_cache_file_is_checked_without_unpickling_it():
    data = pickle.dumps({"content/articles/a.md": ("stamp", "body")})
    whole = pelicancache.with_check(data)
    assert pickle.loads(whole) == pickle.loads(data)  # Pelican's load reads past nothing
    assert pelicancache.problem_of(whole) is None
    assert pelicancache.problem_of(b"") == "empty"
    assert pelicancache.problem_of(whole[: len(whole) // 2])
    assert pelicancache.problem_of(whole[:-1])
    assert pelicancache.problem_of(data)  # written by Pelican's own save: no check
    changed = bytearray(whole)
    changed[5] ^= 1
    assert pelicancache.problem_of(bytes(changed)) == "its bytes do not match its check"


@pytest.mark.unit
def test_each_unreadable_cache_file_gets_one_warning_naming_it(tmp_path, caplog):
    (tmp_path / "es").mkdir()
    good = tmp_path / "PagesGenerator-Readers"
    good.write_bytes(pelicancache.with_check(pickle.dumps({})))
    bad = [tmp_path / "ArticlesGenerator-Readers", tmp_path / "es" / "PagesGenerator-Readers"]
    bad[0].write_bytes(b"")
    bad[1].write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING):
        thrown = pelicancache.discard_unreadable(tmp_path)
    assert thrown == sorted(bad)
    assert len(caplog.records) == 2
    for record, path in zip(caplog.records, thrown, strict=True):
        assert str(path) in record.getMessage()
    assert all("\n" not in record.getMessage() for record in caplog.records)
    assert good.exists()
    assert not any(path.exists() for path in bad)


@pytest.mark.unit
def test_pelicans_save_is_replaced_by_a_whole_one(tmp_path):
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    from clinic.build.reader import use_clinic_reader

    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True}
    settings.update(LOAD_CONTENT_CACHE=True, GZIP_CACHE=False)  # as tools/build.py sets them
    readers = Readers(settings, "ArticlesGenerator-Readers")
    use_clinic_reader(readers)  # what the readers_init signal does, before the load
    readers._cache["a.md"] = ("stamp", "body")
    readers.save_cache()
    saved = tmp_path / "ArticlesGenerator-Readers"
    assert pelicancache.problem_of(saved.read_bytes()) is None
    assert Readers(settings, "ArticlesGenerator-Readers")._cache == {"a.md": ("stamp", "body")}
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]  # no temporary file left


@pytest.mark.unit
def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "cards" / "card.png"
    write_atomically(path, b"old")

    def killed(*args):
        raise KeyboardInterrupt  # as a build stopped between the write and the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, b"new" * 1000)
    assert path.read_bytes() == b"old"
    assert [p.name for p in path.parent.iterdir()] == ["card.png"]


@pytest.mark.unit
@pytest.mark.parametrize("exchanges", [True, False], ids=["renameat2", "two-renames"])
def test_replace_directory_leaves_no_old_copy(tmp_path, monkeypatch, exchanges):
    if not exchanges:
        monkeypatch.setattr(tools_build, "exchange", lambda first, second: False)
    output, staging = tmp_path / "output", tmp_path / "output.partial"
    _site(staging, "first")
    replace_directory(staging, output)  # no output/ yet: a plain rename
    _site(staging, "second")
    replace_directory(staging, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (output / "0.html").read_text() == "second"


@pytest.mark.unit
@pytest.mark.parametrize("exchanges", [True, False], ids=["renameat2", "two-renames"])
def test_replace_directory_keeps_the_old_site_as_the_spare(tmp_path, monkeypatch, exchanges):
    """What the next build writes into (clinic.core.recycling), beside output/ and never it."""
    if not exchanges:
        monkeypatch.setattr(tools_build, "exchange", lambda first, second: False)
    output, staging, spare = tmp_path / "output", tmp_path / "output.partial", tmp_path / "spare"
    _site(output, "first")
    _site(staging, "second")
    replace_directory(staging, output, spare)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "spare"]
    assert {p.read_text() for p in output.iterdir()} == {"second"}
    assert {p.read_text() for p in spare.iterdir()} == {"first"}


@pytest.mark.unit
def test_a_kill_right_after_the_exchange_leaves_the_new_site(tmp_path, monkeypatch):
    if not exchange_works(tmp_path):
        pytest.skip("renameat2(RENAME_EXCHANGE) unavailable here")
    output, staging = tmp_path / "output", tmp_path / "output.partial"
    _site(output, "old")
    _site(staging, "new")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stopped before the old site is removed

    monkeypatch.setattr(shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        replace_directory(staging, output)
    assert {p.read_text() for p in output.iterdir()} == {"new"}
    assert len(list(output.iterdir())) == 20


@pytest.mark.unit
def test_a_kill_between_the_two_renames_is_mended_by_the_next_build(tmp_path, monkeypatch):
    """Where names cannot be exchanged: the old site waits as output.previous/."""
    monkeypatch.setattr(tools_build, "exchange", lambda first, second: False)
    output, staging = tmp_path / "output", tmp_path / "output.partial"
    _site(output, "old")
    _site(staging, "new")
    real_rename = Path.rename

    def killed_at_second(self, target):
        if self == staging:
            raise KeyboardInterrupt
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", killed_at_second)
    with pytest.raises(KeyboardInterrupt):
        replace_directory(staging, output)
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not output.exists()
    recover_output(output)  # what the next build does first
    assert {p.read_text() for p in output.iterdir()} == {"old"}


@pytest.mark.unit
def test_an_old_site_left_beside_a_whole_one_is_removed(tmp_path):
    """Killed after the two renames, before the old site became the spare: output/ is whole,
    and the old one beside it goes at the next build."""
    output, previous = tmp_path / "output", tmp_path / "output.previous"
    _site(output, "new")
    _site(previous, "old")
    recover_output(output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert {p.read_text() for p in output.iterdir()} == {"new"}


@pytest.mark.unit
def test_old_cache_generations_are_pruned_but_the_last_few(tmp_path):
    now = time.time()
    names = [f"{number:012x}" for number in range(6)]
    for age, name in enumerate(names):
        (tmp_path / name / "es").mkdir(parents=True)
        os.utime(tmp_path / name, (now - 100 * age, now - 100 * age))
    (tmp_path / "notes").mkdir()  # not a cache folder: left alone
    (tmp_path / ".removing-abc-1").mkdir()  # a removal a killed build left half done
    current = tmp_path / names[-1]  # the oldest, in use again (a branch switched back)

    removed = prune_generations(current, keep=3)

    assert sorted(p.name for p in removed) == names[3:5]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[:3], names[5], "notes"])


@pytest.mark.unit
def test_a_build_prunes_and_checks_its_cache_first(tmp_path, caplog):
    for number in range(5):
        (tmp_path / f"{number:012x}").mkdir()
        os.utime(tmp_path / f"{number:012x}", (number, number))
    current = tmp_path / "ffffffffffff"
    current.mkdir()
    (current / "ArticlesGenerator-Readers").write_bytes(b"")
    overrides = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(current)}
    overrides["GZIP_CACHE"] = False  # as tools/build.py content_cache sets it
    with caplog.at_level(logging.WARNING):
        prepare_cache(overrides)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["ffffffffffff", *(f"{number:012x}" for number in (2, 3, 4))]
    )
    assert not (current / "ArticlesGenerator-Readers").exists()
    assert len(caplog.records) == 1
