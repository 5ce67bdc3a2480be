# PlateDrop build, test, demo and benchmark entry points. Every target installs what it needs.
SWIFT       ?= swift
BUILD_DIR   := .build
VENV        := $(BUILD_DIR)/interop-venv
DEBUG_BIN   := $(BUILD_DIR)/debug/platedrop
RELEASE_BIN := $(BUILD_DIR)/release/platedrop
DEMO_DIR    := $(BUILD_DIR)/demo
BENCH_DIR   := $(BUILD_DIR)/bench
PEERS_VENV  := $(BUILD_DIR)/peers-venv

.PHONY: deps build release venv test unit-test interop-test soak demo bench bench-scale bench-peers compare-peers install clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

venv: deps
	@scripts/make-venv.sh $(VENV) Tests/Interop/requirements.txt

unit-test: build
	SWIFT=$(SWIFT) scripts/run-swift-tests.sh

# The web view's browser test leaves its screenshot of a filling plate at $(BUILD_DIR)/web-view.png.
interop-test: build venv
	PLATEDROP_BIN=$(abspath $(DEBUG_BIN)) PLATEDROP_SCREENSHOT=$(abspath $(BUILD_DIR))/web-view.png \
		$(VENV)/bin/python -m pytest Tests/Interop -q -p no:cacheprovider

test: unit-test interop-test

# The heavy fault variants: 100 SIGKILL trials, a large plate for SIGTERM (about 15 minutes).
soak: build
	scripts/soak.sh

demo: release
	@rm -rf $(DEMO_DIR)
	$(RELEASE_BIN) demo --workdir $(DEMO_DIR)

bench: release
	$(RELEASE_BIN) bench --workdir $(BENCH_DIR)

# PlateDrop against ome-zarr-py, ngff-zarr and zarr-python (+zarrs) on two generated plates (~25 min).
bench-peers: release
	bench/run_peers.sh $(PEERS_VENV) $(RELEASE_BIN) $(BUILD_DIR)/bench-peers

# PlateDrop beside faim-ipa, fractal-uzh-converters and operetta-compose on the optional real-export
# corpus beside the checkout (bench/compare/README.md); PLATEDROP_BIN=... picks another binary.
compare-peers: build
	bench/compare/run.sh $(or $(PLATEDROP_BIN),$(DEBUG_BIN))

# make bench with one run per codec setting: mostly the scale figures (a 1536-well plate through the
# daemon, a catalogue of 200,000 files).
bench-scale: release
	$(RELEASE_BIN) bench --workdir $(BENCH_DIR) --runs 1 --scale-files 200000

# PREFIX=/usr/local by default; DESTDIR stages into another root (packaging, tests).
install: release
	PREFIX=$(or $(PREFIX),/usr/local) DESTDIR=$(DESTDIR) scripts/install.sh $(RELEASE_BIN)

clean:
	rm -rf $(BUILD_DIR)
