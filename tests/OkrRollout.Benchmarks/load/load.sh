#!/usr/bin/env bash
# Generates a large organisation (OrganisationGenerator), starts the app on it as its own process on
# loopback, signs in, and measures pages with wrk. Prints one table: p50, p95, requests per second,
# and the app's peak memory (VmHWM).
#   bash tests/OkrRollout.Benchmarks/load/load.sh [divisor=1] [duration=30s] [connections=50] [pages=all]
# divisor scales the organisation down (1 = 100,000 people, 2 M enrollments, 1 M check-ins);
# pages is a comma-separated subset of: dashboard-leader,dashboard-ambassador,dashboard-changing,
# people-filter (the htmx request the live filter makes), people-page, roster (500 people),
# alignment-tree (the current period), person-page.
# dashboard-changing marks one random team's facts as changed every second during the run (as a
# check-in or attendance does), so the roll-ups of that team are derived again and the figures rebuilt.
# The peak memory column is the app's VmHWM after that page's run (it only grows).
# The generated database is kept in $LOAD_DIR (default /tmp/okrrollout-load) and reused.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/tests/OkrRollout.Benchmarks/load"
divisor=${1:-1}
duration=${2:-30s}
connections=${3:-50}
pages=${4:-all}
work=${LOAD_DIR:-/tmp/okrrollout-load}
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

cd "$root"
dotnet build -c Release OkrRollout.sln -nologo -v q >/dev/null
db="$work/organisation-$divisor.db"
facts="$db.facts"
if [ ! -f "$facts" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  dotnet run -c Release --no-build --project tests/OkrRollout.Benchmarks -- generate-organisation "$db" "$divisor" | grep -v '^{' | tee "$facts.tmp"
  mv "$facts.tmp" "$facts"
fi
fact() { sed -n "s/^$1=//p" "$facts"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
cd "$root/src/OkrRollout.Web"
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__Default="Data Source=$db" \
Seed__Demo=false Jobs__Enabled=false \
Logging__LogLevel__Default=Warning \
  dotnet "bin/Release/net10.0/OkrRollout.Web.dll" --urls "$base" >"$work/app.log" 2>&1 &
app=$!
jar="$work/cookies-$port.txt"
trap 'kill $app 2>/dev/null || true; rm -f "$jar"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  sleep 0.5
done
cd "$root"

sign_in() {
  rm -f "$jar"
  local token
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=OkrDemo2026!" --data-urlencode "__RequestVerificationToken=$token" "$base/Account/SignIn"
  awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
}
leader=$(sign_in robert.meyer@aurora-telematics.example)
ambassador=$(sign_in kaisa.virtanen@aurora-telematics.example)

printf '\n| page (%s connections, %s) | p50 ms | p95 ms | requests/s | requests | errors | app peak memory |\n|---|---|---|---|---|---|---|\n' "$connections" "$duration"
warmup=30s
# measure NAME COOKIE PATH [EXTRA-HEADER]
measure() {
  local name=$1 cookie=$2 path=$3
  [[ $pages == all || ,$pages, == *,$name,* ]] || return 0
  local headers=(-H "Cookie: $cookie")
  [[ -n ${4:-} ]] && headers+=(-H "$4")
  curl -fsS -o /dev/null "${headers[@]}" "$base$path" || { echo "| $name | failed: $path |"; return; }
  # Warm up before measuring the steady state: the first page pays for JIT tiering of the whole stack.
  wrk -t2 -c"$connections" -d"${warmup:-10s}" --timeout 10s "${headers[@]}" "$base$path" >/dev/null
  warmup=10s
  local line
  line=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s "${headers[@]}" -s "$here/percentiles.lua" "$base$path" | grep '^RESULT')
  read -r _ p50 p95 rps requests errors <<<"$line"
  echo "| $name | $p50 | $p95 | $rps | $requests | $errors | $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$app/status) |"
}
measure dashboard-ambassador "$ambassador" "/Dashboard?programmeId=$(fact programme)"
measure dashboard-leader "$leader" "/Dashboard?programmeId=$(fact programme)"
changes() {
  python3 - "$db" >/dev/null 2>&1 <<'PY' &
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10)
units = [r[0] for r in db.execute('SELECT DISTINCT "UnitId" FROM "StageRollups"')]
while True:
    db.execute('INSERT INTO "StageFactChanges" ("UnitId", "Everything") VALUES (?, 0)', (random.choice(units),))
    db.commit()
    time.sleep(1)
PY
  echo $!
}
if [[ $pages == all || ,$pages, == *,dashboard-changing,* ]]; then
  writer=$(changes)
  measure dashboard-changing "$leader" "/Dashboard?programmeId=$(fact programme)"
  kill "$writer"
fi
measure people-filter "$ambassador" "/People?q=virtanen" "HX-Request: true"
measure people-page "$ambassador" "/People?q=virtanen"
measure roster "$ambassador" "/Training/Sessions/Details/$(fact roster)"
measure alignment-tree "$leader" "/Okr?periodId=$(fact period)"
measure person-page "$ambassador" "/People/Details/$(fact person)"

echo
echo "organisation: $(grep '^Generated' "$facts")"
