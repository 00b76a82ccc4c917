"""The anchor: a stock Pelican project as `pelican-quickstart` writes it with its default answers.

The installed Pelican's own quickstart templates (pelicanconf.py, publishconf.py,
Makefile, tasks.py) are rendered the way pelican/tools/pelican_quickstart.py
renders them, with its CONF defaults (time zone, language, pagination of 10,
project GitHub Pages branch) and the answers a user gives when pressing Enter at
every prompt. Three prompts have no default and need an answer: the site's
title, its author and its URL prefix (the quickstart defaults to "yes, specify
one", then insists on a value); they get this site's. Then `PLUGINS = []`, so
that no plugin installed in the venv is picked up. Nothing else is changed: its
`make html` builds with pelicanconf.py (no feeds), its `make publish` with
publishconf.py (Atom feeds, absolute URLs, output folder emptied first).
"""

from __future__ import annotations

import locale
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITENAME = "Spectrum Dermatology"
AUTHOR = "Spectrum Dermatology"


def _quickstart():
    """pelican.tools.pelican_quickstart, imported without keeping its setlocale()."""
    saved = locale.setlocale(locale.LC_ALL)
    try:
        from pelican.tools import pelican_quickstart
    finally:
        locale.setlocale(locale.LC_ALL, saved)
    return pelican_quickstart


def production_siteurl() -> str:
    """Our production address (pelicanconf.PRODUCTION_SITEURL): stock publishes to the same."""
    namespace: dict = {"__file__": str(ROOT / "pelicanconf.py")}
    exec(compile((ROOT / "pelicanconf.py").read_text(), "pelicanconf.py", "exec"), namespace)
    return namespace["PRODUCTION_SITEURL"]


def quickstart_answers(basedir: Path, siteurl: str) -> dict:
    """The quickstart's CONF after a user pressed Enter at every prompt that has a default."""
    quickstart = _quickstart()
    conf = dict(quickstart.CONF)
    conf.update(
        basedir=str(basedir),
        sitename=SITENAME,  # no default: must be typed
        author=AUTHOR,  # no default: must be typed
        siteurl=siteurl,  # "Do you want to specify a URL prefix?" defaults to yes
        with_pagination=bool(conf["default_pagination"]),  # yes, 10 per page
    )
    # Language and time zone: the defaults as offered (conf["lang"], conf["timezone"]).
    # "Generate a tasks.py/Makefile?": yes. Every upload question (FTP, SSH, Dropbox,
    # S3, Rackspace, GitHub Pages): no, so none of those keys is set.
    return conf


def make_stock_project(target: Path, siteurl: str | None = None) -> Path:
    """Write the quickstart project into `target` (content/ and output/ empty) and return it."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "content").mkdir(parents=True)
    (target / "output").mkdir()
    quickstart = _quickstart()
    conf = quickstart_answers(target, siteurl or production_siteurl())
    env = quickstart._jinja_env
    conf_python = {key: repr(value) for key, value in conf.items()}
    for template, variables, name in (
        ("pelicanconf.py.jinja2", conf_python, "pelicanconf.py"),
        ("publishconf.py.jinja2", conf, "publishconf.py"),
        ("tasks.py.jinja2", conf, "tasks.py"),
        ("Makefile.jinja2", conf, "Makefile"),
    ):
        text = env.get_template(template).render(**variables)
        (target / name).write_text(text, encoding="utf-8")
    with (target / "pelicanconf.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# Added for the benchmark: no plugin from the venv.\nPLUGINS = []\n")
    return target


def stock_settings(project: Path, name: str = "pelicanconf.py") -> dict:
    """The settings Pelican reads from the stock project's file, as its Makefile runs it."""
    from pelican.settings import read_settings

    cwd = os.getcwd()
    os.chdir(project)
    try:
        return read_settings(str(project / name))
    finally:
        os.chdir(cwd)
