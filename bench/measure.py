"""Time one command as a whole process tree, and its peak memory: prints one line of JSON.

    python bench/measure.py LOG COMMAND...

Run in a fresh process so that RUSAGE_CHILDREN covers only this command: its
ru_maxrss is the largest resident set of any process in the tree (make, the
Python build it starts, Pagefind). The command's output goes to LOG.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    log, command = sys.argv[1], sys.argv[2:]
    with open(log, "w", encoding="utf-8") as handle:
        started = time.perf_counter()
        code = subprocess.call(command, stdout=handle, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"returncode": code, "seconds": seconds, "peak_mb": peak_kb / 1024}))


if __name__ == "__main__":
    main()
