"""The live preview's edit-to-reload latency, in a process of its own: prints JSON seconds.

python -m bench.preview CONTENT WORK ARTICLE ROUNDS
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def edit(path: Path, round_number: int) -> None:
    """A writer's small edit: one sentence added at the end."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited in round r{round_number}z.\n")


def preview_latency(content: Path, work: Path, rounds: int, article: Path) -> list[float]:
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
    slug = article.stem
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


def main() -> None:
    content, work, article, rounds = sys.argv[1:5]
    latencies = preview_latency(Path(content), Path(work), int(rounds), Path(article))
    print(json.dumps({"latencies": latencies}))


if __name__ == "__main__":
    main()
