#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs what the tests need when it
# is missing (Debian's Chromium for the browser tests, aiosmtpd for the e-mail tests, python3-icalendar
# to read our calendar invitations with a parser that is not ours, Node.js and npm's oidc-provider
# (tests/oidc, from its lockfile) as the OpenID provider of the single sign-on tests, PostgreSQL for
# the second engine), builds once, and runs the whole suite twice: on SQLite, then on a private
# PostgreSQL cluster that it starts on a free loopback port and stops at the end.
# Usage: bash tests/run.sh [extra dotnet test arguments]
# OKRROLLOUT_TEST_ENGINES="sqlite" (or "postgresql") runs one engine only.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/postgres.sh

engines="${OKRROLLOUT_TEST_ENGINES:-sqlite postgresql}"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=(python3-icalendar)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[[ " $engines " != *" postgresql "* ]] || [ -n "$(postgres_bin)" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d tests/oidc/node_modules/oidc-provider ] || [ tests/oidc/package-lock.json -nt tests/oidc/node_modules/.package-lock.json ]; then
    echo "Installing the test OpenID provider (npm ci in tests/oidc)"
    npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error
fi

dotnet build OkrRollout.sln --configuration Release

summary=()
total_passed=0
total_failed=0
status=0

# Runs the suite once; adds "<engine>: N passed, M failed" to the summary.
run_suite() {
    local engine="$1"
    shift
    local results
    results="$(mktemp -d)"
    local suite_status=0
    dotnet test OkrRollout.sln --configuration Release --no-build \
        --logger "trx;LogFileName=results.trx" --results-directory "$results" \
        --blame-hang-timeout 10m "$@" || suite_status=$?
    local trx passed=0 failed=0
    trx="$(find "$results" -name results.trx | head -n 1)"
    if [ -n "$trx" ]; then
        local counters
        counters="$(grep -o '<Counters [^>]*>' "$trx")"
        passed="$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")"
        failed="$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")"
    fi
    rm -rf "$results"
    summary+=("tests on ${engine}: ${passed} passed, ${failed} failed")
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    [ "$suite_status" -eq 0 ] || status="$suite_status"
}

if [[ " $engines " == *" sqlite "* ]]; then
    OKRROLLOUT_TEST_POSTGRES="" run_suite SQLite "$@"
fi
if [[ " $engines " == *" postgresql "* ]]; then
    # A throwaway cluster: no need to survive a power cut, so writes are not flushed to disk.
    POSTGRES_FSYNC=off postgres_start
    trap postgres_stop EXIT
    OKRROLLOUT_TEST_POSTGRES="$POSTGRES_CONNECTION" run_suite PostgreSQL "$@"
fi

# Plain closing lines, whatever the runner printed above them.
printf '%s\n' "${summary[@]}"
echo "tests: ${total_passed} passed, ${total_failed} failed"
exit "$status"
