"""One build in a fresh process, for the benchmark: prints seconds and peak memory as JSON.

python -m bench.build_once {dev,prod,stock} CONTENT OUTPUT [CACHE]
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    mode, content, output = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    cache = sys.argv[4] if len(sys.argv) > 4 else ""
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    if mode == "stock":
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(
            None,
            override={"PATH": str(content), "OUTPUT_PATH": str(output), "TIMEZONE": "UTC"},
        )
        Pelican(settings).run()
    else:
        sys.path.insert(0, str(ROOT))
        from tools.build import build_site, content_cache

        overrides = {**content_cache(), "CACHE_PATH": cache} if cache else {}
        settings = ROOT / ("publishconf.py" if mode == "prod" else "pelicanconf.py")
        build_site(settings, output, content=content, overrides=overrides)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "seconds": seconds, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
