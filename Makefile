# CryoGraph: the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
GO ?= go
BIN := bin/cryograph
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
# The Neo4j jars are fetched once into this folder (git ignores it).
export CRYOGRAPH_CACHE_DIR ?= $(CURDIR)/.cryograph/cache

.PHONY: help run build web web-test chromium e2e test test-fast lint bench neo4j-start neo4j-stop clean schemathesis

# The web UI (web/): npm ci again only when the lock file changes, a build only when a source does.
# The API spec is a source too: the build checks that web/src/lib/api-types.gen.ts matches it.
WEB_SRC := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json \
	internal/httpapi/openapi.yaml
CHROMIUM ?= /usr/bin/chromium

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: build ## start Neo4j (unless NEO4J_URI is set), migrate, load the demo data, serve on :8080
	./$(BIN) up

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	cd web && npm run build

web: web/dist/index.html ## build the web UI into web/dist (go build embeds it)

web-test: web/node_modules/.package-lock.json ## the web UI's unit tests (Vitest)
	cd web && npm test

chromium: ## install Debian's Chromium for the browser tests when it is missing (as root)
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei; }

e2e: build chromium ## browser tests of the web UI: the real binary, a throw-away Neo4j with the demo data, Chromium
	./$(BIN) neo4j exec -- npm --prefix web run e2e

build: web ## build bin/cryograph, with the web UI
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/cryograph

lint: ## gofmt and go vet
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags integration ./...

# Tests that need Neo4j carry the build tag "integration" (//go:build integration); without
# it, go test runs only the tier that needs no server (-short also skips the tests that start a
# Neo4j or run Maven themselves: test-fast).
# The Go tests include the fuzz targets on their committed seed corpora (internal/format/
# testdata/fuzz) and the fault test (TestFaultsUnderLoad, its own Neo4j); docs/reliability.md.
test: lint build web-test chromium ## vet, every Go test against a throw-away Neo4j, the browser tests and Schemathesis against others
	CRYOGRAPH_REQUIRE_NEO4J=1 ./$(BIN) neo4j exec -- $(GO) test -tags integration -p 1 -count=1 -timeout 40m ./...
	./$(BIN) neo4j exec -- npm --prefix web run e2e
	$(MAKE) schemathesis

SCHEMATHESIS_VERSION ?= 4.32.5
ST := .cryograph/schemathesis-venv/bin/st

$(ST):
	python3 -m venv .cryograph/schemathesis-venv
	.cryograph/schemathesis-venv/bin/pip install -q schemathesis==$(SCHEMATHESIS_VERSION)

schemathesis: build $(ST) ## Schemathesis (bounded) against the API and a throw-away Neo4j with the demo data: no 5xx, nothing outside openapi.yaml
	ST=$(ST) BIN=./$(BIN) ./$(BIN) neo4j exec -- ./scripts/schemathesis.sh

test-fast: ## the Go tests that need no Neo4j, no Maven and no browser, in seconds (no build tag, -short)
	env -u NEO4J_URI -u CRYOGRAPH_REQUIRE_NEO4J $(GO) test -short -count=1 ./...

BENCH_PEOPLE ?= 100000
BENCH_DIR := .cryograph/bench
# The loader sweep of docs/benchmarks.md; at 1M people it used --batch-sizes 10000.
BENCH_LOAD_FLAGS ?= --batch-sizes 1000,5000,10000,20000,50000 --two-writers-batch 5000 --sample-rows 5000
BENCH_REQUESTS ?= 100
# The API benchmark's Go code on half the cores, as `cryograph up` runs it beside its local Neo4j.
BENCH_GOMAXPROCS ?= $(shell n=$$(nproc); echo $$(( n / 2 > 0 ? n / 2 : 1 )))

bench: build ## loader and API benchmarks on synthetic data, then the Go benchmarks (not part of make test); see docs/benchmarks.md
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/cryograph-bench ./cmd/cryograph-bench
	mkdir -p $(BENCH_DIR)
	test -f $(BENCH_DIR)/syn-$(BENCH_PEOPLE).jsonl || \
	  ./$(BIN) generate --people $(BENCH_PEOPLE) --seed 1 --out $(BENCH_DIR)/syn-$(BENCH_PEOPLE).jsonl
	./$(BIN) neo4j exec --heap-mb 4096 --pagecache-mb 4096 -- sh -c './bin/cryograph-bench load --yes-delete-everything \
	  --file $(BENCH_DIR)/syn-$(BENCH_PEOPLE).jsonl --import-dir "$$CRYOGRAPH_NEO4J_IMPORT_DIR" $(BENCH_LOAD_FLAGS) \
	  > $(BENCH_DIR)/load-$(BENCH_PEOPLE).json && \
	  GOMAXPROCS=$(BENCH_GOMAXPROCS) ./bin/cryograph-bench api --requests $(BENCH_REQUESTS) --concurrency 1,4,16 > $(BENCH_DIR)/api-$(BENCH_PEOPLE).json && \
	  $(GO) test -count=1 -run "^$$" -bench Decode -benchtime 5000x -benchmem ./internal/store/ > $(BENCH_DIR)/store-$(BENCH_PEOPLE).txt && \
	  $(GO) test -count=1 -run "^$$" -bench AuditBatch ./internal/store/ >> $(BENCH_DIR)/store-$(BENCH_PEOPLE).txt'
	./$(BIN) neo4j exec -- $(GO) test -p 1 -count=1 -run '^$$' -bench . -benchtime 300x ./internal/httpapi/ ./internal/importer/

neo4j-start: build ## start the local Neo4j in the background (bolt 7687, browser :7474/browser)
	./$(BIN) neo4j start

neo4j-stop: build ## stop the background local Neo4j
	./$(BIN) neo4j stop

clean: ## remove the build output and the local Neo4j data (keeps the jar cache)
	rm -rf bin .cryograph/neo4j
