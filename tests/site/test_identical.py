"""The speed-ups change nothing: builds read on one core or ahead on every core, with and
without the content cache, and the live preview's one-page fast path, write the same bytes."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from test_identical_unit import SETTINGS
from test_identical_unit import corpus as corpus  # the fixture

from support import ROOT, made_once
from tools.build import build_site, load_settings, run_pelican
from tools.devserver import pages_of


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(left: Path, right: Path) -> None:
    a, b = files(left), files(right)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


SITEURLS = {"dev": "", "prod": "https://example.org"}


@pytest.fixture(scope="session")
def one_core(corpus, tmp_path_factory):
    """The corpus built on a single core, reading and writing everything in one process:
    the site every faster build is compared with, built once per mode for the test run."""

    def build_on_one_core(mode: str, output: Path) -> None:
        single = {"CLINIC_READ_AHEAD": False, "CLINIC_SPLIT_WRITING": False}
        figures = build_site(SETTINGS[mode], output, corpus, {**single, "SITEURL": SITEURLS[mode]})
        assert figures.read_ahead == 0  # nothing read ahead
        assert figures.writers == 1

    built = {}

    def _one_core(mode: str) -> Path:
        if mode not in built:
            folder, _ = made_once(
                tmp_path_factory, f"one-core-{mode}", lambda f: build_on_one_core(mode, f / "site")
            )
            built[mode] = folder / "site"
        return built[mode]

    return _one_core


BUILD_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/plugins"]
from tools.build import build_site
site, output, content = (Path(arg) for arg in sys.argv[2:5])
figures = build_site(site, output, content, json.loads(sys.argv[5]))
print(json.dumps({"read": {"files": figures.read_ahead, "workers": figures.readers},
                  "written": {"processes": figures.writers}}))
"""


@pytest.mark.parametrize("mode", SITEURLS)
def test_cold_and_warm_builds_on_every_core_are_the_same_as_one_on_a_single_core(
    corpus, one_core, tmp_path, mode
):
    """A fresh process (as `make html` runs) reads ahead on every core, writes on two
    processes and fills the content cache; the next build finds every file in that cache.
    Both give the bytes of one core reading and writing everything, with no cache."""
    import json
    import subprocess
    import sys

    overrides = {"SITEURL": SITEURLS[mode]}
    overrides |= {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "c"),
    }
    arguments = [str(ROOT), str(SETTINGS[mode]), str(tmp_path / "cold"), str(corpus)]
    result = subprocess.run(
        [sys.executable, "-c", BUILD_IN_A_FRESH_PROCESS, *arguments, json.dumps(overrides)],
        capture_output=True,
        text=True,
        check=True,
    )
    cold = json.loads(result.stdout.strip().splitlines()[-1])
    assert cold["read"]["files"] >= 60
    assert cold["read"]["workers"] >= 2
    assert cold["written"]["processes"] == 2
    assert (tmp_path / "c").is_dir()
    warm = build_site(SETTINGS[mode], tmp_path / "warm", corpus, overrides)
    assert warm.read_ahead == 0  # the warm build had every file already
    for built in ("cold", "warm"):
        assert_same_tree(one_core(mode), tmp_path / built)


def test_the_preview_fast_path_writes_the_same_page_as_a_full_build(corpus, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    article = content / "articles" / "article-00003.md"
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "c")}
    build_site(SETTINGS["dev"], tmp_path / "preview", content, cache)
    article.write_text(article.read_text() + "\nA new closing sentence.\n", encoding="utf-8")

    settings = load_settings(SETTINGS["dev"], content=content, output=tmp_path / "preview")
    selected = [str(tmp_path / "preview" / page) for page in pages_of(article, content, settings)]
    before = files(tmp_path / "preview")
    run_pelican(
        SETTINGS["dev"], tmp_path / "preview", content, {**cache, "WRITE_SELECTED": selected}
    )
    after = files(tmp_path / "preview")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["blog/article-00003/index.html"]

    build_site(SETTINGS["dev"], tmp_path / "full", content)
    assert filecmp.cmp(
        tmp_path / "preview" / changed[0], tmp_path / "full" / changed[0], shallow=False
    )


SHARING_IN_A_FRESH_PROCESS = """
import os, sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[1] + "/plugins"]
from clinic.build import splitwrite
folder = Path(sys.argv[2])

def work(number):
    (folder / f"{number}.{os.getpid()}").touch()
    time.sleep(0.001)  # long enough for the second process to start and take some

splitwrite.share_out(list(range(300)), work)
parent = os.getpid()

def fails_elsewhere(number):
    if os.getpid() != parent:
        raise OSError("disk full")
    time.sleep(0.001)

try:
    splitwrite.share_out(list(range(300)), fails_elsewhere)
    print("no failure")
except splitwrite.SplitWritingError:
    print("failure reported")
"""


def test_work_shared_out_between_two_processes_is_done_once_each(tmp_path):
    """The share cards left to draw at the end of a build are shared like the pages: each
    item once, by whichever process takes it first; a failure in the second stops the build.
    In a fresh process, as a build runs (one thread: pytest's may have more, and a process
    with several threads is never forked)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", SHARING_IN_A_FRESH_PROCESS, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    done = sorted(path.name for path in tmp_path.iterdir())
    assert sorted(int(name.split(".")[0]) for name in done) == list(range(300))
    assert len({name.split(".")[1] for name in done}) == 2  # both processes took some
    assert result.stdout.strip() == "failure reported"


BACKGROUND_IN_A_FRESH_PROCESS = """
import sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[1] + "/plugins"]
from clinic.build import splitwrite
folder = Path(sys.argv[2])

def work(number):
    (folder / str(number)).touch()
    time.sleep(0.005)

background = splitwrite.in_background(list(range(5000)), work)
assert background is not None
time.sleep(0.3)
background.stop()
done = len(list(folder.iterdir()))
time.sleep(0.1)
print(done, len(list(folder.iterdir())))
background.stop()  # a second stop is harmless
assert splitwrite.in_background([], work) is None
"""


def test_work_in_the_background_stops_when_asked_and_does_no_more(tmp_path):
    """Share cards are drawn ahead of need in a second process at the lowest priority;
    the build stops it before drawing what is left, and nothing is drawn twice at once."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", BACKGROUND_IN_A_FRESH_PROCESS, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    done, later = (int(number) for number in result.stdout.split())
    assert 0 < done == later < 5000


AHEAD_IN_A_FRESH_PROCESS = """
import os, sys
from functools import partial
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/plugins"]
import clinic
from clinic.build import splitwrite
from clinic.rendering import templates
from tools.build import load_settings

clinic.register()  # as Pelican does: the theme's filters and catalog
started = splitwrite.ahead(os.getpid)
other = started.result()
assert other not in (None, os.getpid()), other

def fails():
    raise RuntimeError("no")

assert splitwrite.ahead(fails).result() is None
settings = load_settings(Path(sys.argv[2]), output=Path(sys.argv[3]))
stores = templates.CompiledTemplates()
folders = Path(settings["PATH"]), Path(settings["THEME"]), Path(settings["OUTPUT_PATH"])
compiled = splitwrite.ahead(partial(templates.compiled_theme, settings, stores, folders)).result()
assert not stores.compiled_yet()
stores.adopt(compiled)
from pelican.generators import Generator
generator = Generator({}, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
listed = [name for name in generator.env.list_templates() if not name.startswith("!")]
print(sum(len(codes) for codes in compiled.values()), len(listed))
"""


def test_work_started_ahead_in_a_second_process_hands_back_its_result(tmp_path):
    """The theme is compiled in a second process while the build reads; its code is taken
    back here (a failed work hands back nothing, and the build does it itself)."""
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            AHEAD_IN_A_FRESH_PROCESS,
            str(ROOT),
            str(SETTINGS["dev"]),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    compiled, listed = (int(number) for number in result.stdout.split())
    assert compiled == listed > 30  # the theme's templates, and Pelican's it does not replace
