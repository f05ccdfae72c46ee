# iObeya Token — make run, make test. See README.md.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
# FyneApp.toml migrates to fyne.Do; every build and test uses the matching tag.
# no_emoji leaves out Fyne's 4 MB colour emoji font, which no text of ours
# uses and which Fyne parses again for each text style (bold, monospace…):
# 4 MB less in the binary and about 19 MB less resident (docs/performance.md).
export GOFLAGS := -tags=migrated_fynedo,no_emoji

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
RELEASE_FLAGS := -trimpath -ldflags=-s\ -w
BIN := bin

.PHONY: all setup setup-build build run sandbox test lint vet fmt bench screenshots clean

all: build

setup:
	@bash scripts/setup.sh

setup-build:
	@bash scripts/setup.sh --build

build: setup-build
	go build -o $(BIN)/iobeya-token ./cmd/iobeya-token
	go build -o $(BIN)/iobeya-token-tray ./cmd/iobeya-token-tray
	go build -o $(BIN)/iobeya-sandbox ./cmd/iobeya-sandbox

run: setup build
	@bash scripts/run.sh $(BIN)/iobeya-token

sandbox: setup-build
	go build -o $(BIN)/iobeya-sandbox ./cmd/iobeya-sandbox
	$(BIN)/iobeya-sandbox $(SANDBOX_FLAGS)

# The set-up step installs the Secret Service, so a missing one is a failure
# here, not a skip.
test: setup lint
	IOBEYA_REQUIRE_SECRET_SERVICE=1 go test -race -timeout 40m ./...

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go run $(STATICCHECK) ./...

vet:
	go vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# The app against the floor (internal/bench/floor), written to docs/performance.md.
bench:
	@bash scripts/bench.sh

# Screenshots of the real app under Xvfb, from the desktop tests, for the
# README and docs/.
screenshots: setup
	IOBEYA_ARTIFACTS=$(CURDIR)/docs/screenshots go test -count=1 -run 'TestDesktop' ./cmd/iobeya-token

clean:
	rm -rf $(BIN)
