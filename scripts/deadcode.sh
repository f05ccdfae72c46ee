#!/usr/bin/env bash
# Runs golang.org/x/tools/cmd/deadcode over the production code (test files
# excluded, as deadcode does by default; the build tags come from GOFLAGS)
# and fails on any function no program reaches, except the known-OK ones
# below. staticcheck counts exported names as used; this does not.
set -euo pipefail
cd "$(dirname "$0")/.."

DEADCODE=golang.org/x/tools/cmd/deadcode@v0.52.0

# Each pattern (an extended regexp on "file:line:col: unreachable func: name")
# is reached only by tests on purpose; say why next to it.
allowed=(
	# A package for tests only (Secret Service, Xvfb, a clock, token shapes);
	# not a _test.go file so that every package's tests can share it.
	'^internal/testenv/'
	# keyring.MockInit re-exported, and the Store's options: the seams other
	# packages' tests (companion, cli, secretservice_test) put a fake or
	# short deadlines in with.
	'^internal/keychain/backend\.go:[0-9]+:[0-9]+: unreachable func: MockInit(WithError)?$'
	'^internal/keychain/store\.go:[0-9]+:[0-9]+: unreachable func: With(ReadTimeout|WriteTimeout|ChunkSize|Backend)$'
	# The adapter that lets a test (cli, app, signin) pass a function as the
	# browser opener.
	'^internal/signin/opener\.go:[0-9]+:[0-9]+: unreachable func: OpenerFunc\.Open$'
	# The PAT paths are our contract's assumption, so design.md wants them
	# overridable by configuration: WithPaths is that seam, waiting for it.
	'^client/options\.go:[0-9]+:[0-9]+: unreachable func: WithPaths$'
	'^client/paths\.go:[0-9]+:[0-9]+: unreachable func: (Paths\.merge|checkPath)$'
	# The whole catalogue, for its completeness tests (every key said,
	# placeholders filled) and for translators' tools.
	'^internal/words/words\.go:[0-9]+:[0-9]+: unreachable func: Catalogue$'
	# Tests ask whether an agent answers, and where it listens.
	'^internal/instance/(conn|server)\.go:[0-9]+:[0-9]+: unreachable func: (Ping|Server\.Path)$'
)

out=$(go run "$DEADCODE" ./...)
pattern=$(IFS='|'; echo "${allowed[*]}")
left=$(grep -Ev "$pattern" <<<"$out" || true)
if [ -n "$left" ]; then
	echo "deadcode: unreachable from any program (delete it, or allow it in $0 with a reason):"
	echo "$left"
	exit 1
fi
