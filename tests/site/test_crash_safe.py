"""Builds that a kill, a damaged cache or a second build cannot break (issue #27).

A cache file left empty or cut by a killed build is thrown away with one warning;
two builds into one output folder run one after the other; `output/` holds a
whole site at every instant, a kill during the swap included; old cache folders
go. The whole-build tests run `python -m tools.build` in subprocesses, as
`make html` does, on a copy of content/ with a cache folder of their own.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_crash_safe_unit import exchange_works

from clinic.build import pelicancache
from support import ROOT
from tools.build import (
    build_lock,
    lock_file,
)

# `make html`, with the cache in the test's own folder (not the project's cache/), and
# each Pelican run's start and end noted in the times file, to see whether two overlapped;
# with HOLD_UNTIL set, a run waits at its start until that file exists (a long build).
DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from tools import build

    cache, times = sys.argv[1], sys.argv[2]
    make_cache, run = build.content_cache, build.run_pelican

    def content_cache(**kwargs):
        return make_cache(folder=build.Path(cache), **kwargs)

    def timed_run(*args, **kwargs):
        with open(times, "a") as log:
            log.write(f"start {os.getpid()} {time.monotonic()}\\n")
        while os.environ.get("HOLD_UNTIL") and not os.path.exists(os.environ["HOLD_UNTIL"]):
            time.sleep(0.02)
        run(*args, **kwargs)
        with open(times, "a") as log:
            log.write(f"end {os.getpid()} {time.monotonic()}\\n")

    build.content_cache, build.run_pelican = content_cache, timed_run
    build.main(sys.argv[3:])
    """
)


class Project:
    """A copy of content/, its output and cache folders, built with `python -m tools.build`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.cache = root / "cache"
        self.times = root / "build-times.txt"
        shutil.copytree(ROOT / "content", self.content)

    def start(self, hold_until: Path | None = None) -> subprocess.Popen:
        arguments = [str(self.cache), str(self.times), "html"]
        arguments += ["--content", str(self.content), "--output", str(self.output)]
        return subprocess.Popen(
            [sys.executable, "-c", DRIVER, *arguments],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "HOLD_UNTIL": str(hold_until or "")},
        )

    def build(self) -> tuple[int, str]:
        """A whole build, as after any change: without the last build's stamp, which
        would otherwise find nothing to do (tools/stamp.py)."""
        (self.root / "output.built").unlink(missing_ok=True)
        done = self.start()
        _, stderr = done.communicate(timeout=300)
        return done.returncode, stderr

    def files(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*"))

    def generation(self) -> Path:
        (folder,) = [p for p in self.cache.iterdir() if p.is_dir()]
        return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Project, list[str]]:
    """A project built once, cold, and the files of its site: what every build must give."""
    built = Project(tmp_path_factory.mktemp("crash-safe"))
    code, stderr = built.build()
    assert code == 0, stderr
    return built, built.files()


def test_a_damaged_cache_file_is_thrown_away_and_the_build_goes_on(project):
    """Pelican's load did not catch EOFError: an emptied file stopped every later build."""
    built, site = project
    folder = built.generation()
    emptied = folder / "ArticlesGenerator-Readers"
    garbage = folder / "es" / "PagesGenerator-Readers"
    emptied.write_bytes(b"")  # a build killed between Pelican's open and its pickling
    garbage.write_bytes(os.urandom(300))

    code, stderr = built.build()

    assert code == 0, stderr
    assert "Traceback" not in stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("WARNING")]
    assert len([line for line in warnings if str(emptied) in line]) == 1, stderr
    assert len([line for line in warnings if str(garbage) in line]) == 1, stderr
    assert "(empty)" in stderr
    assert built.files() == site
    for path in (emptied, garbage):  # saved again, whole
        assert pelicancache.problem_of(path.read_bytes()) is None


def test_two_builds_at_once_both_end_with_the_whole_site(project):
    """Both used to exit 0 with part of the site: they shared one output.partial/."""
    built, site = project
    built.times.unlink(missing_ok=True)
    (built.root / "output.built").unlink(missing_ok=True)
    release = built.root / "release"
    release.unlink(missing_ok=True)
    first = built.start(hold_until=release)  # a build long enough for the second to meet
    while not built.times.exists():  # the first has read the content, and builds
        assert first.poll() is None, first.communicate()
        time.sleep(0.05)
    about = built.content / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSaved while a build ran.\n")
    second = built.start()  # the writer's save, built: it waits, then builds it
    waiting = second.stderr.readline()  # the second's first words: it waits
    release.touch()
    results = [process.communicate(timeout=300) for process in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], results
    assert built.files() == site
    assert waiting == f"waiting for another build (pid {first.pid}) to finish\n", results
    events = [line.split()[:2] for line in built.times.read_text().splitlines()]
    assert [kind for kind, _ in events] == ["start", "end", "start", "end"], "they overlapped"
    assert events[0][1] == events[1][1] == str(first.pid)
    assert events[2][1] == events[3][1] == str(second.pid)
    # The save is in the site (its last words are typeset: "build&nbsp;ran.").
    assert "Saved while" in (built.output / "about" / "index.html").read_text()
    assert not (built.output / lock_file(built.output).name).exists()  # never published


def test_a_second_build_waits_and_says_for_whom(tmp_path, capfd):
    output = tmp_path / "output"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom tools.build import build_lock\nfrom pathlib import Path\n"
            "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n"
            "    time.sleep(0.8)\n",
            str(output),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    with build_lock(output):
        waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert waited > 0.3
    assert f"waiting for another build (pid {holder.pid}) to finish" in capfd.readouterr().err
    assert lock_file(output) == tmp_path / "output.lock"


SWAPPER = textwrap.dedent(
    """
    import shutil, sys
    from pathlib import Path
    from tools.build import replace_directory

    root = Path(sys.argv[1])
    output, staging = root / "output", root / "output.partial"
    for turn in range(10**9):
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for number in range(20):
            (staging / f"{number}.html").write_text(str(turn))
        replace_directory(staging, output)
        if turn == 0:
            print("swapping", flush=True)
    """
)


def test_output_is_whole_at_every_instant_of_swaps_killed_at_random(tmp_path):
    """Swaps as fast as they go, looked at from outside all along, and killed (SIGKILL) at
    random moments: output/ never missing, never missing a file, after the kill too."""
    if not exchange_works(tmp_path):
        pytest.skip("renameat2(RENAME_EXCHANGE) unavailable here: two renames, with a window")
    output = tmp_path / "output"
    expected = [output / f"{number}.html" for number in range(20)]
    looks, missing = 0, []
    rng = random.Random(27)
    for _ in range(4):
        swapper = subprocess.Popen(
            [sys.executable, "-c", SWAPPER, str(tmp_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert swapper.stdout.readline().strip() == "swapping"
        until = time.monotonic() + rng.uniform(0.2, 0.6)
        while time.monotonic() < until:
            looks += 1
            missing += [path.name for path in expected if not path.is_file()][:1]
        swapper.send_signal(signal.SIGKILL)
        swapper.wait(timeout=30)
        assert all(path.is_file() for path in expected), "output/ incomplete after a kill"
    assert looks > 100
    assert missing == [], f"{len(missing)} of {looks} looks found output/ incomplete"


def test_a_rebuild_with_nothing_changed_leaves_the_site_and_says_so(project):
    """`make html` again, nothing changed: no build, the site untouched, the last build's
    warnings printed again; a change, and it builds (tools/stamp.py)."""
    built, site = project
    article = next((built.content / "articles").glob("*.md"))
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("\n\n", "\nExpires: 2025-06-01\n\n", 1), encoding="utf-8")
    try:
        code, warned = built.build()
        assert code == 0, warned
        warnings = [line for line in warned.splitlines() if line.startswith("WARNING")]
        assert any("expired on 2025-06-01" in line for line in warnings), warned
        times = {path: path.stat().st_mtime_ns for path in built.output.rglob("*")}
        built.times.unlink(missing_ok=True)

        again = built.start()
        stdout, stderr = again.communicate(timeout=300)
        assert again.returncode == 0, stderr
        assert "Nothing changed since the last build: output/ is up to date." in stdout
        assert [line for line in stderr.splitlines() if line.startswith("WARNING")] == warnings
        assert not built.times.exists()  # Pelican never ran
        assert {path: path.stat().st_mtime_ns for path in built.output.rglob("*")} == times
    finally:
        article.write_text(original, encoding="utf-8")
    changed = built.start()  # the article as it was: a change, so a build
    stdout, stderr = changed.communicate(timeout=300)
    assert changed.returncode == 0, stderr
    assert "Nothing changed" not in stdout
    assert built.times.read_text().count("start") == 1
    assert built.files() == site


def test_a_build_killed_while_writing_leaves_the_site_and_the_next_build_mends_all(project):
    """The next build writes into what a killed one left (clinic.core.recycling): a page cut
    short is written again, a stray file is swept, and the site equals the last one."""
    built, site = project
    before = {path: path.read_bytes() for path in built.output.rglob("*") if path.is_file()}
    staging = built.root / "output.partial"
    built.times.unlink(missing_ok=True)
    (built.root / "output.built").unlink(missing_ok=True)
    killed = built.start()
    while not built.times.exists():
        assert killed.poll() is None, killed.communicate()
        time.sleep(0.01)
    started = time.time()
    written = []
    while not written and killed.poll() is None:  # a page of this build's is on the disk
        written = [p for p in staging.rglob("*.html") if p.stat().st_ctime > started]
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert written, "the build ended before it could be killed while writing"
    assert {p: p.read_bytes() for p in built.output.rglob("*") if p.is_file()} == before

    cut = written[0]
    cut.write_bytes(cut.read_bytes()[:100])
    (staging / "stray.html").write_text("left by a build that was stopped")
    (staging / "blog" / "stray").mkdir(parents=True, exist_ok=True)
    (staging / "blog" / "stray" / "index.html").write_text("a page no build writes")

    code, stderr = built.build()
    assert code == 0, stderr
    assert built.files() == site
    assert {p: p.read_bytes() for p in built.output.rglob("*") if p.is_file()} == before
    assert not staging.exists()


def test_a_build_keeps_what_it_compiles_where_the_environment_says_not_to(content, tmp_path):
    """`make html` where PYTHONDONTWRITEBYTECODE is set (this machine and CI set it) keeps
    the plugin's compiled modules, as pip kept Pelican's: else every build compiles the
    plugin again (tools/build.keep_bytecode). A build stopped by the content rules has
    imported the whole plugin already."""
    (content / "articles" / "undated.md").write_text("Title: Undated\n\nBody.\n", "utf-8")
    compiled = tmp_path / "compiled"  # where Python writes what it compiles, when it may
    environment = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPYCACHEPREFIX": str(compiled),
    }
    command = ["-m", "tools.build", "html", "--content", str(content)]
    done = subprocess.run(
        [sys.executable, *command, "--output", str(tmp_path / "output")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "undated.md" in done.stderr
    plugin = compiled / ROOT.relative_to(ROOT.anchor) / "plugins" / "clinic"
    written = {path.name.split(".")[0] for path in plugin.rglob("*.pyc")}
    assert {"__init__", "lint", "validation", "incremental"} <= written
