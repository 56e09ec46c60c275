# Reach's front door. `make demo` and `make test` work on a fresh Debian 12 machine (see README.md).
JOBS ?= 2
BUILD_TYPE ?= Release
CMAKE_FLAGS ?= -DREACH_WERROR=ON

.PHONY: deps build bench-build demo test tidy bench fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j$(JOBS) --target reach

bench-build: build
	@cmake --build build -j$(JOBS) --target reach_llm_bench

demo: build
	build/reach demo

test: deps
	@scripts/run-tests.sh

tidy: build
	@scripts/check-tidy.sh

bench: bench-build
	@bench/http_bench.sh
	@bench/extract_bench.sh
	@bench/llm_bench.sh
	@bench/upload_memory.sh
	@bench/import_bench.sh
	@bench/campaign_bench.py
	@bench/web_assets.sh
	@bench/web_leads_page.sh

fuzz: deps
	@fuzz/run.sh

clean:
	rm -rf build build-asan build-fuzz
