# recovery-trainer — two commands on a fresh machine:
#   make run    install what is missing, build, start the trainer on the built-in course
#   make test   build and run every test
SWIFT ?= swift
APT_PACKAGES := libreadline-dev libsqlite3-dev sqlite3
BIN := .build/debug/recovery-trainer

.PHONY: run test build release deps lint format format-check content-lint soak bench fuzz clean install help

help:
	@echo "make run           build and start the trainer (installs system packages when missing)"
	@echo "make test          build and run every test (unit, property-based, end-to-end)"
	@echo "make content-lint  check the built-in course strictly"
	@echo "make format        reformat the Swift sources"
	@echo "make release       optimised build in .build/release"
	@echo "make install       install to PREFIX (default /usr/local)"
	@echo "make soak          long reliability runs (not part of make test)"
	@echo "make bench         whole-program benchmarks into docs/performance.md"

# Installs the C libraries the build links against, only when they are missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	$(BIN) --content content

# The tests run on a build with the PostgreSQL backend (the package trait; a separate build
# folder, so that `make run` keeps its lean build), against a throw-away server.
PG_BUILD := --scratch-path .build-pg --traits PostgreSQL

test: deps format-check
	$(SWIFT) build
	@# The lean build (make run) has no PostgreSQL: it must say so, with its own exit status.
	@.build/debug/recovery-trainer report --database postgres://check@localhost/none >/dev/null 2>&1; \
	  status=$$?; [ $$status -eq 69 ] || { echo "the default build answered --database with exit $$status, not 69"; exit 1; }
	$(SWIFT) build $(PG_BUILD) --build-tests
	scripts/with-test-postgres $(SWIFT) test $(PG_BUILD) --skip-build
	.build-pg/debug/recovery-trainer content lint --strict content

content-lint: build
	$(BIN) content lint --strict content

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

format-check:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

PREFIX ?= /usr/local
SHARE := $(PREFIX)/share
MANUAL := .build/plugins/GenerateManual/outputs/recovery-trainer/recovery-trainer.1
# The program, its content, shell completions (bash, zsh, fish) and a man page, generated
# from the same help text the program prints (in English: the man page generator keeps ASCII
# only; `recovery-trainer --help` prints the Chinese help).
install: release
	install -d $(PREFIX)/bin $(SHARE)/recovery-trainer $(SHARE)/man/man1 \
	  $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions $(SHARE)/fish/vendor_completions.d
	install -m 755 .build/release/recovery-trainer $(PREFIX)/bin/recovery-trainer
	rm -rf $(SHARE)/recovery-trainer/content
	cp -R content $(SHARE)/recovery-trainer/content
	LANG=en_US.UTF-8 .build/release/recovery-trainer --generate-completion-script bash \
	  > $(SHARE)/bash-completion/completions/recovery-trainer
	LANG=en_US.UTF-8 .build/release/recovery-trainer --generate-completion-script zsh \
	  > $(SHARE)/zsh/site-functions/_recovery-trainer
	LANG=en_US.UTF-8 .build/release/recovery-trainer --generate-completion-script fish \
	  > $(SHARE)/fish/vendor_completions.d/recovery-trainer.fish
	LANG=en_US.UTF-8 $(SWIFT) package plugin generate-manual --configuration release
	install -m 644 $(MANUAL) $(SHARE)/man/man1/recovery-trainer.1
	@echo "Installed to $(PREFIX): run recovery-trainer; man recovery-trainer"

soak: build
	scripts/soak

bench:
	scripts/bench

fuzz:
	scripts/fuzz

clean:
	rm -rf .build
