#!/usr/bin/env bash
# Generates a large organisation (OrganisationGenerator), starts the app on it as its own process on
# loopback, signs in, and measures pages with wrk; then times the CSV import of 100,000 people and
# queuing 10,000 onboarding invitations (in-process benchmarks on a fresh database). Prints one
# table per engine: p50, p95, requests per second, and peak memory.
#   bash tests/OkrRollout.Benchmarks/load/load.sh [divisor=1] [duration=30s] [connections=50] [pages=all] [engines="sqlite postgresql"]
# divisor scales the organisation down (1 = 100,000 people, 2 M enrollments, 1 M check-ins) and the
# import and invitation counts with it.
# pages is a comma-separated subset of: baseline (the small periods page, a yardstick for the VM's
# speed in this run), dashboard-leader,dashboard-ambassador,dashboard-changing,
# people-filter (the htmx request the live filter makes), people-page, roster (500 people),
# alignment-tree (the current period), person-page, import, invitations.
# dashboard-changing marks one random team's facts as changed every second during the run (as a
# check-in or attendance does), so the roll-ups of that team are derived again and the figures rebuilt.
# The peak memory column is the app's VmHWM after that page's run (it only grows); for import and
# invitations it is the benchmark process's peak (for import: after the first import / after the
# re-import of the same file as well), and p50 holds the time of the one run.
# PostgreSQL runs in a private cluster (tests/postgres.sh) kept in $LOAD_DIR/postgres, started on a
# free loopback port for the run and stopped after. Generated data is kept in $LOAD_DIR (default
# /tmp/okrrollout-load) and reused; delete a *.facts file to generate again.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/tests/OkrRollout.Benchmarks/load"
divisor=${1:-1}
duration=${2:-30s}
connections=${3:-50}
pages=${4:-all}
engines=${5:-sqlite postgresql}
work=${LOAD_DIR:-/tmp/okrrollout-load}
mkdir -p "$work"
source "$root/tests/postgres.sh"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
[[ " $engines " != *" postgresql "* ]] || [ -n "$(postgres_bin)" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd "$root"
dotnet build -c Release OkrRollout.sln -nologo -v q >/dev/null
wanted() { [[ $pages == all || ,$pages, == *,$1,* ]]; }

# run ENGINE: generate once, start the app, measure, stop.
run() {
  local engine=$1 connection facts app_engine writer_sql
  if [ "$engine" = postgresql ]; then
    POSTGRES_KEEP="$work/postgres" POSTGRES_OPTIONS="-c effective_cache_size=4GB -c work_mem=16MB" POSTGRES_SHARED_BUFFERS=512MB postgres_start
    connection="${POSTGRES_CONNECTION/Database=postgres/Database=organisation_$divisor}"
    facts="$work/postgres-organisation-$divisor.facts"
    app_engine=PostgreSql
    local exists
    exists=$(postgres_as_owner "$(postgres_bin)/psql" -h "$POSTGRES_DIR" -p "$POSTGRES_PORT" -qAt -c "SELECT 1 FROM pg_database WHERE datname = 'organisation_$divisor'" postgres)
    if [ ! -f "$facts" ] || [ "$exists" != 1 ]; then
      rm -f "$facts"
      postgres_as_owner "$(postgres_bin)/psql" -h "$POSTGRES_DIR" -p "$POSTGRES_PORT" -qc "DROP DATABASE IF EXISTS organisation_$divisor" -c "CREATE DATABASE organisation_$divisor" postgres
    fi
  else
    local db="$work/organisation-$divisor.db"
    connection="Data Source=$db"
    facts="$db.facts"
    app_engine=Sqlite
    [ -f "$facts" ] || rm -f "$db" "$db-wal" "$db-shm"
  fi
  if [ ! -f "$facts" ]; then
    local target=$connection
    [ "$engine" = postgresql ] || target="$work/organisation-$divisor.db"
    dotnet run -c Release --no-build --project tests/OkrRollout.Benchmarks -- generate-organisation "$target" "$divisor" | grep -v '^{' | tee "$facts.tmp"
    mv "$facts.tmp" "$facts"
  fi
  fact() { sed -n "s/^$1=//p" "$facts"; }

  local port base app jar
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  (cd "$root/src/OkrRollout.Web" && ASPNETCORE_ENVIRONMENT=Production \
    Database__Engine=$app_engine ConnectionStrings__Default="$connection" \
    Seed__Demo=false Jobs__Enabled=false Logging__LogLevel__Default=Warning \
    exec dotnet "bin/Release/net10.0/OkrRollout.Web.dll" --urls "$base" >"$work/app-$engine.log" 2>&1) &
  app=$!
  # Whatever happens from here, the app and a benchmark cluster stop with the script.
  trap "kill $app 2>/dev/null || true; postgres_stop" EXIT
  jar="$work/cookies-$port.txt"
  for _ in $(seq 1 120); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
  done

  sign_in() {
    rm -f "$jar"
    local token
    token=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
    curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=OkrDemo2026!" --data-urlencode "__RequestVerificationToken=$token" "$base/Account/SignIn"
    awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
  }
  local leader ambassador
  leader=$(sign_in robert.meyer@aurora-telematics.example)
  ambassador=$(sign_in kaisa.virtanen@aurora-telematics.example)
  rm -f "$jar"
  if [[ $leader != *okrrollout.auth=* || $ambassador != *okrrollout.auth=* ]]; then
    echo "$engine: signing in failed; see $work/app-$engine.log" >&2
    exit 1
  fi

  printf '\n%s\n\n| page (%s connections, %s) | p50 ms | p95 ms | requests/s | requests | errors | peak memory |\n|---|---|---|---|---|---|---|\n' "$engine" "$connections" "$duration"
  local warmup=30s
  # measure NAME COOKIE PATH [EXTRA-HEADER] [CONNECTIONS]
  measure() {
    local name=$1 cookie=$2 path=$3 conns=${5:-$connections}
    local threads=2
    [ "$conns" -ge 2 ] || threads=1
    wanted "${name%%,*}" || return 0
    local headers=(-H "Cookie: $cookie")
    [[ -n ${4:-} ]] && headers+=(-H "$4")
    # A redirect (to the sign-in page) or an error would measure the wrong thing.
    local status
    status=$(curl -sS -o /dev/null -w '%{http_code}' "${headers[@]}" "$base$path")
    [ "$status" = 200 ] || { echo "| $name | failed: $path answered $status |"; return; }
    # Warm up before measuring the steady state: the first page pays for JIT tiering of the whole stack.
    wrk -t"$threads" -c"$conns" -d"$warmup" --timeout 10s "${headers[@]}" "$base$path" >/dev/null
    # Later pages share much of the stack, but not all: on PostgreSQL the dashboard took 30-40 s of
    # load to reach its steady rate (most likely JIT tiering, which competes with the requests for the cores).
    warmup=20s
    local line p50 p95 rps requests errors
    line=$(wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s "${headers[@]}" -s "$here/percentiles.lua" "$base$path" | grep '^RESULT')
    read -r _ p50 p95 rps requests errors <<<"$line"
    echo "| $name | $p50 | $p95 | $rps | $requests | $errors | $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$app/status) |"
  }
  # The VM's speed varies from run to run (the same page by up to 2x here): a small page first, as
  # a yardstick for comparing runs.
  measure baseline "$leader" "/Okr/Periods"
  measure dashboard-ambassador "$ambassador" "/Dashboard?programmeId=$(fact programme)"
  measure dashboard-leader "$leader" "/Dashboard?programmeId=$(fact programme)"
  if wanted dashboard-changing; then
    local writer
    if [ "$engine" = postgresql ]; then
      (while true; do
        postgres_as_owner "$(postgres_bin)/psql" -h "$POSTGRES_DIR" -p "$POSTGRES_PORT" -qAt -d "organisation_$divisor" \
          -c 'INSERT INTO "StageFactChanges" ("UnitId", "Everything") SELECT "UnitId", false FROM "StageRollups" ORDER BY random() LIMIT 1' >/dev/null 2>&1
        sleep 1
      done) &
    else
      python3 - "$work/organisation-$divisor.db" >/dev/null 2>&1 <<'PY' &
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10)
units = [r[0] for r in db.execute('SELECT DISTINCT "UnitId" FROM "StageRollups"')]
while True:
    db.execute('INSERT INTO "StageFactChanges" ("UnitId", "Everything") VALUES (?, 0)', (random.choice(units),))
    db.commit()
    time.sleep(1)
PY
    fi
    writer=$!
    measure dashboard-changing "$leader" "/Dashboard?programmeId=$(fact programme)"
    kill "$writer"
  fi
  measure people-filter "$ambassador" "/People?q=virtanen" "HX-Request: true"
  # As the few ambassadors who edit the directory use it: one and five at a time.
  measure "people-filter, 1 connection" "$ambassador" "/People?q=virtanen" "HX-Request: true" 1
  measure "people-filter, 5 connections" "$ambassador" "/People?q=virtanen" "HX-Request: true" 5
  # A term nobody matches reads the whole directory to find that out: the worst case of the filter.
  measure "people-filter, no match, 5 connections" "$ambassador" "/People?q=xqzw" "HX-Request: true" 5
  measure people-page "$ambassador" "/People?q=virtanen"
  measure roster "$ambassador" "/Training/Sessions/Details/$(fact roster)"
  measure alignment-tree "$leader" "/Okr?periodId=$(fact period)"
  measure person-page "$ambassador" "/People/Details/$(fact person)"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true

  # operation NAME ROWS-LABEL ARGS...: one in-process run on a fresh database of the engine.
  operation() {
    local name=$1 label=$2
    shift 2
    wanted "$name" || return 0
    local server="" line seconds rate peak
    [ "$engine" != postgresql ] || server="$POSTGRES_CONNECTION"
    line=$(OKRROLLOUT_BENCH_POSTGRES="$server" dotnet run -c Release --no-build --project tests/OkrRollout.Benchmarks -- "$@" | grep '^RESULT')
    read -r _ _ seconds rate peak <<<"$line"
    echo "| $name: $label | $seconds s (one run) | | $rate/s | | | $peak MB |"
  }
  local people=$((100000 / divisor)) invitations=$((10000 / divisor))
  operation import "CSV of $people people into an empty directory" import "$people" 1
  operation invitations "queue $invitations onboarding invitations (links + e-mails)" outbox "$invitations" 0

  [ "$engine" != postgresql ] || postgres_stop
  echo
  echo "organisation: $(grep '^Generated' "$facts")"
}

for engine in $engines; do
  run "$engine"
done
