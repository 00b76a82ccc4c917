"""`make bench`: this site's builds against stock Pelican, in one run, as ratios.

Builds a deterministic corpus (N clinic-like articles plus the site's pages),
then, alternating the order each round: stock Pelican (the same version, its
default settings and theme, no plugins), our development build and our
production build (with the search index), each in a fresh process. Then the
warm rebuild after editing one article (content cache on), and the live
preview's edit-to-reload latency. Prints medians, ratios and peak memory, and
exits 1 when a target is missed. The machines are shared and noisy: compare
the ratios, not the seconds.

    python -m bench.run [--articles 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.corpus import make_corpus, stock_copy

ROOT = Path(__file__).resolve().parent.parent
EDITED = "article-00007.md"


@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    unit: str = "x stock"


TARGETS = {
    "dev": Target("development build", 1.0),
    "prod": Target("production build with search", 1.25),
    "warm": Target("warm rebuild after one edit", 0.3),
    "memory": Target("peak memory", 1.2),
    "preview": Target("edit to reload in the live preview", 1.0, "s"),  # at 1000 articles
}


def build_once(mode: str, content: Path, output: Path, cache: Path | None = None) -> dict:
    """One build in a fresh Python process; its seconds and peak memory."""
    command = [sys.executable, "-m", "bench.build_once", mode, str(content), str(output)]
    if cache:
        command.append(str(cache))
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"bench: the {mode} build failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def edit(path: Path, round_number: int) -> None:
    """A writer's small edit: one sentence added at the end."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited in round r{round_number}z.\n")


def preview_latency(content: Path, work: Path, rounds: int) -> list[float]:
    """Seconds from saving an article to the preview having reloaded it (the reload event
    sent and the new page served), with the live preview running in this process."""
    sys.path.insert(0, str(ROOT))
    from tools.devserver import DevServer

    server = DevServer(
        ROOT / "pelicanconf.py",
        content,
        work / "preview",
        [content],
        port=0,
        cache=work / "preview-cache",
    )
    server.start()
    host = urlsplit(server.url)
    reloads: list[float] = []
    ready = threading.Event()

    def listen() -> None:
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        connection.request("GET", "/__devserver/events")
        response = connection.getresponse()
        ready.set()
        while True:
            line = response.readline()
            if not line:
                return
            if line.strip() == b"data: reload":
                reloads.append(time.perf_counter())

    threading.Thread(target=listen, daemon=True).start()
    ready.wait(10)
    latencies = []
    article = content / "articles" / EDITED
    slug = EDITED.removesuffix(".md")
    for number in range(rounds):
        time.sleep(0.5)
        seen = len(reloads)
        started = time.perf_counter()
        edit(article, 100 + number)
        while len(reloads) == seen and time.perf_counter() - started < 30:
            time.sleep(0.005)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        connection.request("GET", f"/blog/{slug}/")
        page = connection.getresponse().read().decode("utf-8")
        finished = time.perf_counter()
        if f"r{100 + number}z" not in page:
            sys.exit("bench: the preview did not show the edit")
        latencies.append(finished - started)
    server.stop()
    return latencies


def scale_check(work: Path, args, large_runs: list[dict]) -> tuple[float, float]:
    """Development build time at N articles over the time at 1000, and the peak memory."""
    small = make_corpus(work / "small", 1000)
    times = [build_once("dev", small, work / "out-small")["seconds"] for _ in range(args.rounds)]
    large = statistics.median(r["seconds"] for r in large_runs)
    return large / statistics.median(times), max(r["peak_mb"] for r in large_runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-work")
    args = parser.parse_args(argv)

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    content = make_corpus(work, args.articles)
    stock_content = stock_copy(content, work / "stock-content")
    print(f"Corpus: {args.articles} articles + the site's pages, in {work}")

    figures: dict[str, list[dict]] = {"stock": [], "dev": [], "prod": []}
    order = ["stock", "dev", "prod"]
    for number in range(args.rounds):
        for mode in order[number % 3 :] + order[: number % 3]:
            source = stock_content if mode == "stock" else content
            result = build_once(mode, source, work / f"out-{mode}")
            figures[mode].append(result)
            print(
                f"  round {number + 1}: {mode:5} {result['seconds']:6.2f} s "
                f"{result['peak_mb']:6.0f} MB",
                flush=True,
            )

    cache = work / "cache"
    build_once("dev", content, work / "out-warm", cache)  # fills the cache
    warm = []
    for number in range(args.rounds):
        edit(content / "articles" / EDITED, number)
        warm.append(build_once("dev", content, work / "out-warm", cache)["seconds"])

    latencies = preview_latency(content, work, args.rounds)
    scale = scale_check(work, args, figures["dev"]) if args.articles > 1000 else None

    median = {mode: statistics.median(r["seconds"] for r in runs) for mode, runs in figures.items()}
    peak = {mode: max(r["peak_mb"] for r in runs) for mode, runs in figures.items()}
    stock = median["stock"]
    measured = {
        "dev": median["dev"] / stock,
        "prod": median["prod"] / stock,
        "warm": statistics.median(warm) / stock,
        "memory": max(peak["dev"], peak["prod"]) / peak["stock"],
        "preview": statistics.median(latencies),
    }
    print(f"\nMedians of {args.rounds} rounds, {args.articles} articles:")
    print(f"  stock Pelican       {stock:6.2f} s  peak {peak['stock']:5.0f} MB")
    print(f"  development build   {median['dev']:6.2f} s  peak {peak['dev']:5.0f} MB")
    print(f"  production build    {median['prod']:6.2f} s  peak {peak['prod']:5.0f} MB")
    print(f"  warm rebuild        {statistics.median(warm):6.2f} s  (one article edited)")
    print(f"  preview reload      {statistics.median(latencies):6.2f} s  (edit to new page)")
    missed = []
    print("\nTargets:")
    for key, target in TARGETS.items():
        if key == "preview" and args.articles != 1000:
            print(f"  {target.name:38} {measured[key]:5.2f} {target.unit:8} (target set at 1000)")
            continue
        value, ok = measured[key], measured[key] <= target.limit
        print(
            f"  {target.name:38} {value:5.2f} {target.unit:8} (at most {target.limit}) "
            f"{'ok' if ok else 'MISSED'}"
        )
        if not ok:
            missed.append(target.name)
    if scale:
        ratio, peak_mb = scale
        ok = ratio <= args.articles / 1000 and peak_mb <= 1024
        print(
            f"  {'scale: ' + str(args.articles) + ' vs 1000 articles':38} {ratio:5.2f} x time"
            f"     (at most {args.articles / 1000:.0f}), peak {peak_mb:.0f} MB (at most 1024) "
            f"{'ok' if ok else 'MISSED'}"
        )
        if not ok:
            missed.append("scale")
    print("\nBench passed." if not missed else f"\nBench failed: {', '.join(missed)}.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
