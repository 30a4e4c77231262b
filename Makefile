# kaiyuan: two commands on a fresh machine.
#   make report              set up, analyse seeds/, execute every notebook, render HTML into reports/seeds/
#   make report CORPUS=dir   the same for another corpus folder -> reports/<dir name>/
#   make test                set up, run unit tests and nbval on every notebook
#   make lab                 open JupyterLab on the notebooks
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
CORPUS ?= seeds
NAME := $(notdir $(abspath $(CORPUS)))
OUT ?= reports/$(NAME)
WORKERS ?=

.PHONY: setup report test lab tables bench bench-stress clean sync-notebooks execute-notebooks evaluate

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dask]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m kaiyuan report --corpus $(CORPUS) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS))

tables: $(STAMP)
	$(BIN)/python -m kaiyuan run --corpus $(CORPUS) --out $(OUT)/tables $(if $(WORKERS),--workers $(WORKERS))

test: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# Re-execute the committed notebooks in place (after any change to lib/ or data) and re-pair them.
execute-notebooks: $(STAMP)
	$(BIN)/python -m kaiyuan.notebooks execute

sync-notebooks: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --n 1000 --workers $(or $(WORKERS),2)

bench-stress: $(STAMP)
	$(BIN)/python benchmarks/stress.py

clean:
	rm -rf reports .kaiyuan-cache

# Score seeds, dev and test against their gold (evaluation/README.md); fails below evaluation/floors.yaml.
evaluate: $(STAMP)
	$(BIN)/python -m kaiyuan evaluate --suite evaluation/floors.yaml --out reports/evaluation $(if $(WORKERS),--workers $(WORKERS))
