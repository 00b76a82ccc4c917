"""Time one command as a whole process tree, and its peak memory: prints one line of JSON.

    python bench/measure.py LOG COMMAND...

Run in a fresh process so that RUSAGE_CHILDREN covers only this command: its
ru_maxrss is the largest resident set of any process in the tree (make, the
Python build it starts, Pagefind), and its user and system CPU time the whole
tree's. The command's output goes to LOG.

The tree is also looked at every 50 ms, each process's own peak (VmHWM) taken
by program, so that the build's memory and the search indexer's (Pagefind, a
separate program that stock Pelican does not run) are reported apart.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PROC = Path("/proc")
INDEXER = "pagefind"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _peak_kb(pid: int) -> tuple[str, int] | None:
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    return fields["Name"].strip(), int(fields["VmHWM"].split()[0])


def sample(root: int, peaks: dict[str, int]) -> None:
    """Raise `peaks` (indexer / build, in kB) to what each process below `root` has reached."""
    tree, todo = _children(), [root]
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        found = _peak_kb(pid)
        if found:
            name, kb = found
            kind = "indexer" if name.startswith(INDEXER) else "build"
            peaks[kind] = max(peaks.get(kind, 0), kb)


def main() -> None:
    log, command = sys.argv[1], sys.argv[2:]
    peaks: dict[str, int] = {}
    with open(log, "w", encoding="utf-8") as handle:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
        while process.poll() is None:
            if os.path.isdir(PROC):
                sample(process.pid, peaks)
            time.sleep(0.05)
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss
    print(
        json.dumps(
            {
                "returncode": process.returncode,
                "seconds": seconds,
                # The whole tree's work: a build that hides CPU behind a second core
                # is slower on a busy machine, whatever its wall time.
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_mb": peak_kb / 1024,
                "indexer_mb": peaks.get("indexer", 0) / 1024,
                # A process can grow in its last 50 ms: never report less than the whole
                # tree's peak when no indexer ran.
                "build_mb": (peaks.get("build", 0) if "indexer" in peaks else peak_kb) / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
