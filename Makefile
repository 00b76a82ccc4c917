# The commands people type. Each target sets up what it needs (the .venv from
# the pinned requirements) and then runs the invoke task of the same name in
# tasks.py, where the work is written once. `html` and `publish` call the same
# function (tools/build.py) without invoke, whose start-up is a tenth of a
# second and 5 MB that every build would pay.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INVOKE := $(BIN)/invoke
PORT ?= 8000
AUDIT_PORT ?= 8123
RUNS ?= 1
AGE ?= 0
N ?= 1000
ROUNDS ?= 3
# REPORT_ONLY=1: make bench prints every figure but does not fail (one's own runs, never CI).
REPORT_ONLY ?=
# FLOOR_ONLY=1: make bench fails only beyond the cold-build floors (what CI runs).
FLOOR_ONLY ?=
GITHUB_PAGES_REMOTE ?= origin
# PUSH=no: make github commits gh-pages locally and pushes nothing (CI pushes on its own).
PUSH ?= yes
SITEURL ?=
# NOINDEX=1: make publish builds a preview that search engines are asked not to index.
NOINDEX ?=
title ?=
lang ?=
translation_of ?=

RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Chromium and Java for the browser and HTML checks; Noto, the fonts a phone draws every
# script with (Latin, Cyrillic, Arabic, Devanagari, Telugu; Chinese, Japanese, Korean).
SYSTEM_PACKAGES := chromium default-jre-headless fonts-noto-core fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DEFAULT_GOAL := help

help: ## List the commands.
	@echo 'The clinic site (its facts: clinic.toml). Usage: make <command>'
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 24

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(PIP) install -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(RUNTIME_STAMP)
	$(PIP) install -r requirements-dev.txt
	@touch $@

# npm packages for the checks (axe-core, vnu-jar, lighthouse), exactly as locked.
# --ignore-scripts: vnu-jar's install script would download a Java; Debian's is used.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

system-packages: ## Install Chromium, Java and the Noto fonts with apt-get when they are missing.
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null \
		|| ! fc-list -q 'Noto Sans Telugu' || ! fc-list -q 'Noto Sans CJK KR'; then \
		echo "Installing $(SYSTEM_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

html: $(RUNTIME_STAMP) ## Build the site into output/ (development settings).
	$(BIN)/python -m tools.build html

publish: $(RUNTIME_STAMP) ## Production build into output/ [SITEURL=https://... NOINDEX=1 for a preview].
	$(BIN)/python -m tools.build publish --siteurl "$(SITEURL)" $(if $(NOINDEX),--noindex)

serve: $(RUNTIME_STAMP) ## Serve output/ at http://localhost:8000/ [PORT=8000].
	$(INVOKE) serve --port $(PORT)

devserver: $(RUNTIME_STAMP) ## Live preview: rebuilds on save, reloads the browser [PORT=8000].
	$(INVOKE) devserver --port $(PORT)

new: $(RUNTIME_STAMP) ## Start a draft post: make new title="..." [lang=es translation_of=<slug>].
	$(INVOKE) new --title "$(title)" --lang "$(lang)" --translation-of "$(translation_of)"

report: $(RUNTIME_STAMP) ## The content-health report for the content manager: reports/content-health.html [TODAY=YYYY-MM-DD].
	$(INVOKE) report $(if $(TODAY),--today $(TODAY))

review-due: $(RUNTIME_STAMP) ## Medical articles due for a new review, and pages that expire within 14 days [AGE=365].
	$(INVOKE) review-due --age $(AGE)

github: $(RUNTIME_STAMP) $(NODE_STAMP) system-packages ## Build, gate and publish to gh-pages [GITHUB_PAGES_REMOTE=origin PUSH=yes].
	$(if $(filter-out yes no,$(PUSH)),$(error PUSH must be yes or no, not '$(PUSH)'))
	$(INVOKE) github --remote "$(GITHUB_PAGES_REMOTE)" --siteurl "$(SITEURL)" $(if $(filter no,$(PUSH)),--no-push,--push)

audit: $(DEV_STAMP) $(NODE_STAMP) system-packages ## Lighthouse on the production build [AUDIT_PORT=8123 RUNS=1].
	$(INVOKE) audit --port $(AUDIT_PORT) --runs $(RUNS)

bench: $(DEV_STAMP) ## Build speed and memory against stock pelican-quickstart [N=1000 ROUNDS=3 REPORT_ONLY=1 FLOOR_ONLY=1].
	$(INVOKE) bench --articles $(N) --rounds $(ROUNDS) $(if $(REPORT_ONLY),--report-only) $(if $(FLOOR_ONLY),--floor-only)

lint: $(DEV_STAMP) ## The writers' check: the content rules, the translations, the settings' placeholders.
	$(INVOKE) lint

check-code: $(DEV_STAMP) ## The developers' check: ruff, the plugin's layers (import-linter), zizmor on the workflows.
	$(INVOKE) check-code

scrub: $(RUNTIME_STAMP) ## Remove metadata (GPS, serials, names) from content/'s pictures, drawings and PDFs, in place.
	$(INVOKE) scrub

translations: $(RUNTIME_STAMP) ## Add new template text to each language's catalog (theme/translations/).
	$(INVOKE) translations

test: $(DEV_STAMP) $(NODE_STAMP) system-packages ## Run every check and test (check-code, lint, pytest with browser and HTML checks).
	$(INVOKE) test

test-fast: $(DEV_STAMP) ## The unit tests alone, in seconds: no site build, no browser (the inner loop).
	$(INVOKE) test-fast

clean: ## Remove the built site and caches (keeps .venv).
	rm -rf output output.partial output.previous output.spare output.built output.cache cache bench-work bench-work.stale audit-reports reports .pytest_cache .ruff_cache

.PHONY: help system-packages html publish serve devserver new report review-due github audit bench lint check-code scrub translations test test-fast clean
