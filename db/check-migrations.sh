#!/usr/bin/env bash
# Fails when the EF model and any provider's migrations disagree, and writes the SQL Server
# idempotent script (what a DBA would run) to artifacts/sqlserver-migrations.sql.
# Needs no database server: each migrations project has its own design-time factory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

providers=(Sqlite PostgreSql SqlServer)
# Release, like tests/scripts/test.sh: the solution build that follows in CI then finds these
# projects up to date instead of building them a second time.
config=Release

dotnet tool restore >/dev/null

failed=()
for p in "${providers[@]}"; do
    project="db/Samordning.FollowUp.Migrations.$p"
    echo "== $p"
    # Build once here, then let dotnet ef skip its own build.
    if ! dotnet build "$project" -c "$config" -nologo -v quiet; then
        failed+=("$p (build)")
        continue
    fi
    if ! dotnet ef migrations has-pending-model-changes --no-build --configuration "$config" \
        --project "$project" --startup-project "$project"; then
        failed+=("$p (pending model changes: run db/add-migration.sh NAME)")
        continue
    fi
    if [[ $p == SqlServer ]]; then
        mkdir -p artifacts
        if ! dotnet ef migrations script --idempotent --no-build --configuration "$config" \
            --project "$project" --startup-project "$project" -o artifacts/sqlserver-migrations.sql; then
            failed+=("$p (idempotent script)")
            continue
        fi
        echo "wrote artifacts/sqlserver-migrations.sql"
    fi
done

if ((${#failed[@]})); then
    printf 'migrations check failed: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "migrations check passed: ${providers[*]}"
