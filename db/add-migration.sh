#!/usr/bin/env bash
# Adds the same-named migration to every provider's migrations project, so the three stay in
# step (each project has its own design-time factory: no server and no extra arguments needed).
#
# usage: db/add-migration.sh NAME        e.g. db/add-migration.sh AddFollowUpNotes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ $# -ne 1 || ! $1 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "usage: $0 NAME   (NAME a C# identifier, e.g. AddFollowUpNotes)" >&2
    exit 2
fi
name=$1
providers=(Sqlite PostgreSql SqlServer)

dotnet tool restore >/dev/null

# Build all three before touching any: a project that does not compile then stops the script
# before the first migration is written, not half-way through the set.
for p in "${providers[@]}"; do
    echo "== build $p"
    dotnet build "db/Samordning.FollowUp.Migrations.$p" -nologo -v quiet
done

done_in=()
for p in "${providers[@]}"; do
    project="db/Samordning.FollowUp.Migrations.$p"
    echo "== $p: dotnet ef migrations add $name"
    if ! dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" \
        --output-dir Migrations; then
        echo "failed for $p; stopping." >&2
        # Leave no half-done set behind unnoticed: say what to undo.
        for d in "${done_in[@]}"; do
            echo "  already added to $d; undo with: dotnet ef migrations remove --project $d --startup-project $d" >&2
        done
        exit 1
    fi
    done_in+=("$project")
done
echo "added migration $name to: ${providers[*]}"
