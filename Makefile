# Kymppi: `make run` serves the demo, `make test` runs every test. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000

# The Swedish and English catalogs, compiled from the committed .po files.
CATALOGS := $(wildcard kymppi/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test translations system-packages clean

run: $(VENV)/.installed $(COMPILED)
	$(BIN)/kymppi init
	$(BIN)/kymppi demo
	$(BIN)/kymppi serve --port $(PORT)

test: system-packages $(VENV)/.installed-test $(COMPILED)
	$(BIN)/ruff check kymppi tests bench
	$(BIN)/ruff format --check kymppi tests bench
	$(BIN)/pytest $(PYTEST_ARGS)

# System packages the tests need; installed with apt-get when running as root.
system-packages:
	@PYTHON=$(PYTHON) scripts/system-packages

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Kymppi needs Python 3.11 or newer; set PYTHON=python3.x"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

%.mo: %.po | $(BIN)/python
	$(BIN)/pybabel -q compile -i $< -o $@

# After changing texts in the code: new ones arrive untranslated in both catalogs.
translations: $(VENV)/.installed
	scripts/translations update

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis $(COMPILED)
