#!/usr/bin/env bash
# Builds Convene with warnings as errors and runs every test project. Installs what a fresh machine
# lacks. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_updated=""
need_apt() { # need_apt COMMAND PACKAGE...: installs PACKAGE(s) from Debian when COMMAND is missing
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 2; }
need_apt curl curl
# PostgreSQL for the integration tests (the tests start a throwaway server on 127.0.0.1 themselves).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser is ever downloaded).
if [ ! -x /usr/bin/chromium ]; then
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# axe-core for the browser tests' accessibility checks, at the version package-lock.json pins (npm's registry only).
if [ ! -f tests/Convene.BrowserTests/node_modules/axe-core/axe.min.js ]; then
  need_apt npm npm
  (cd tests/Convene.BrowserTests && npm ci --no-audit --no-fund --silent) || { echo "test.sh: npm ci of axe-core failed" >&2; exit 2; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build (warnings are errors)"
dotnet build Convene.slnx -c Release -warnaserror -nologo -v:q >"$log" 2>&1
build=$?
grep -E "(error|warning) [A-Z]+[0-9]+" "$log" | sort -u
if [ "$build" -ne 0 ]; then
  tail -20 "$log"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== tests"
dotnet test Convene.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \3/p' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
