#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs what the tests need when it
# is missing (Debian's Chromium for the browser tests, aiosmtpd for the e-mail tests), then builds
# and runs the suite. Usage: bash tests/run.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

results="$(mktemp -d)"
status=0
dotnet test OkrRollout.sln --configuration Release \
    --logger "trx;LogFileName=results.trx" --results-directory "$results" \
    --blame-hang-timeout 10m "$@" || status=$?

# One plain closing line, whatever the runner printed above it.
trx="$(find "$results" -name results.trx | head -n 1)"
if [ -n "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx")"
    passed="$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")"
    failed="$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")"
    echo "tests: ${passed} passed, ${failed} failed"
fi
rm -rf "$results"
exit "$status"
