#!/usr/bin/env bash
# Adds a migration under one name for both engines with EF's own tool (dotnet-ef, pinned in
# dotnet-tools.json): AppDbContext's in Data/Migrations/Sqlite, PostgresAppDbContext's in
# Data/Migrations/Postgres. Change the model first; review the files it writes, then commit them.
# Usage: bash tools/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
    echo "usage: bash tools/add-migration.sh NAME" >&2
    exit 2
fi
name="$1"

dotnet tool restore
dotnet build src/OkrRollout.Web --configuration Debug
for engine in Sqlite Postgres; do
    context=AppDbContext
    [ "$engine" = Sqlite ] || context=PostgresAppDbContext
    dotnet ef migrations add "$name" --no-build --configuration Debug \
        --project src/OkrRollout.Web --context "$context" \
        --output-dir "Data/Migrations/$engine" --namespace "OkrRollout.Web.Data.Migrations.$engine"
done
