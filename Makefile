# The commands people type. Each target sets up what it needs (the .venv from
# the pinned requirements) and then runs the invoke task of the same name in
# tasks.py, where the work is written once.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INVOKE := $(BIN)/invoke
PORT ?= 8000
SITEURL ?=
title ?=

RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.DEFAULT_GOAL := help

help: ## List the commands.
	@echo 'Spectrum Dermatology site. Usage: make <command>'
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 24

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(PIP) install -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(RUNTIME_STAMP)
	$(PIP) install -r requirements-dev.txt
	@touch $@

html: $(RUNTIME_STAMP) ## Build the site into output/ (development settings).
	$(INVOKE) html

publish: $(RUNTIME_STAMP) ## Production build into output/ [SITEURL=https://...].
	$(INVOKE) publish --siteurl "$(SITEURL)"

serve: $(RUNTIME_STAMP) ## Serve output/ at http://localhost:$(PORT)/ [PORT=8000].
	$(INVOKE) serve --port $(PORT)

devserver: $(RUNTIME_STAMP) ## Rebuild on every change and serve [PORT=8000].
	$(INVOKE) devserver --port $(PORT)

github: $(RUNTIME_STAMP) ## Publish to GitHub Pages (not yet available).
	$(INVOKE) github

lint: $(DEV_STAMP) ## Check the Python code with ruff.
	$(INVOKE) lint

test: $(DEV_STAMP) ## Run every check and test (ruff, pytest).
	$(INVOKE) test

clean: ## Remove the built site and caches (keeps .venv).
	rm -rf output output.partial output.previous cache .pytest_cache .ruff_cache

.PHONY: help html publish serve devserver github lint test clean
