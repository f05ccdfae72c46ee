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
DIST := dist

# The version stamped into the programs and the packages: `make package
# VERSION=1.2.0`, else what git says (evaluated once).
ifeq ($(origin VERSION),undefined)
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
endif
VERSION_LDFLAG := -X github.com/iobeya-token/iobeya-token/internal/version.Version=$(VERSION)
# The programs the packages ship, each built from ./cmd/NAME.
PACKAGED := iobeya-token iobeya-token-tray
# The Windows build: Fyne's GLFW driver needs cgo, so MinGW's compiler.
WINDOWS_ENV := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
WINDOWS_BUILD := $(WINDOWS_ENV) go build -trimpath
# Signing the Windows programs and installers (packaging/windows/sign.sh):
# make package SIGN_CERT=cert.p12 SIGN_PASS_FILE=pass.txt; the password may
# also come as SIGN_PASS from the environment, never on the command line.
export SIGN_CERT SIGN_KEY SIGN_PASS_FILE SIGN_TIMESTAMP_URL

.PHONY: all setup setup-build setup-package build run sandbox test lint vet fmt bench screenshots package windows-resources clean

all: build

setup:
	@bash scripts/setup.sh

setup-build:
	@bash scripts/setup.sh --build

setup-package:
	@bash scripts/setup.sh --package

build: setup-build
	go build -ldflags "$(VERSION_LDFLAG)" -o $(BIN)/iobeya-token ./cmd/iobeya-token
	go build -ldflags "$(VERSION_LDFLAG)" -o $(BIN)/iobeya-token-tray ./cmd/iobeya-token-tray
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
	bash scripts/deadcode.sh
	bash scripts/crosscheck.sh

vet:
	go vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# The app against the floor (internal/bench/floor), written to docs/performance.md.
bench:
	@bash scripts/bench.sh

# Screenshots of the real app under Xvfb, from the desktop tests, for the
# README and docs/: in English, and in French under docs/screenshots/fr.
screenshots: setup
	IOBEYA_ARTIFACTS=$(CURDIR)/docs/screenshots go test -count=1 -run 'TestDesktop' ./cmd/iobeya-token

# The release packages in dist/: each program built once, stripped and
# stamped with VERSION, then wrapped: packaging/linux/package.sh makes the
# .deb and the .tar.xz from dist/programs; packaging/windows/package.sh the
# per-user setup .exe and the per-machine .msi from dist/windows, which holds
# the window (GUI subsystem: no console opens), its console twin
# iobeya-token.com (the command line in cmd and scripts: same main, console
# subsystem) and the tray program. Their icon, manifest and version info are
# the committed cmd/*/rsrc_windows_amd64.syso (make windows-resources).
package: setup-package
	rm -rf $(DIST)/programs $(DIST)/windows $(DIST)/*.deb $(DIST)/*.tar.xz $(DIST)/*.msi $(DIST)/*-setup.exe
	mkdir -p $(DIST)/programs $(DIST)/windows
	for p in $(PACKAGED); do \
	  go build -trimpath -ldflags "-s -w $(VERSION_LDFLAG)" -o $(DIST)/programs/$$p ./cmd/$$p || exit 1; \
	done
	$(WINDOWS_BUILD) -ldflags "-s -w -H windowsgui $(VERSION_LDFLAG)" -o $(DIST)/windows/iobeya-token.exe ./cmd/iobeya-token
	$(WINDOWS_BUILD) -ldflags "-s -w $(VERSION_LDFLAG)" -o $(DIST)/windows/iobeya-token.com ./cmd/iobeya-token
	$(WINDOWS_BUILD) -ldflags "-s -w -H windowsgui $(VERSION_LDFLAG)" -o $(DIST)/windows/iobeya-token-tray.exe ./cmd/iobeya-token-tray
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) \
	  bash packaging/linux/package.sh $(DIST)/programs '$(VERSION)' $(DIST)
	bash packaging/windows/package.sh $(DIST)/windows '$(VERSION)' $(DIST)
	@ls -l $(DIST)/*.deb $(DIST)/*.tar.xz $(DIST)/*-setup.exe $(DIST)/*.msi $(DIST)/windows/*

# The Windows programs' icon, manifest and version info, compiled into the
# committed .syso files that go build links in: after changing the icon,
# FyneApp.toml or packaging/windows/app.*.tmpl.
windows-resources: setup-package
	bash packaging/windows/resources.sh

clean:
	rm -rf $(BIN) $(DIST)
