#!/usr/bin/env python3
"""The database's own floor for an intake on SQLite (README, "Performance", "Intake under load").

Runs an anonymous intake's statements straight against SQLite, without the service: the person, the
participation, the report data version, the report mark and the audit line in one transaction
(as the service writes them, README "Round trips, counted"), and the bare endpoint's one
autocommitted row. WAL and synchronous = NORMAL as the service sets them; Python's sqlite3 module
prepares each statement once and reuses it. Prints microseconds per transaction.

usage: tests/scripts/intake-floor.py DATABASE [COUNT]
       DATABASE: a copy of the intake benchmark's database (tests/scripts/benchmark-intake.sh leaves
       it in $TMPDIR/followup-bench-intake-<port>.db); rows are added to it, so use a copy.
"""
import sqlite3
import sys
import time

path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = NORMAL")
intervention, provider, association = db.execute(
    'SELECT "Id", "ProviderId", "AssociationId" FROM "Interventions" ORDER BY "Id" LIMIT 1').fetchone()
now = "2026-12-07 09:51:10.2242653"
person = ('INSERT INTO "Participants" ("BirthYear", "ContactCipher", "CreatedAtUtc", "Gender", "IdentityCipher", '
          '"IdentityErasedAtUtc", "IdentityErasure", "IdentityHash", "ProviderId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "Id"')
person_values = (1990, None, now, "Woman", None, None, None, None, provider)

start = time.perf_counter()
for _ in range(count):
    db.execute("BEGIN IMMEDIATE")
    person_id = db.execute(person, person_values).fetchone()[0]
    participation_id = db.execute(
        'INSERT INTO "Participations" ("InterventionId", "ParticipantId", "StartDate", "HomeMunicipality", "ReferredBy", '
        '"EducationLevel", "TimeInPublicSupport", "OccupationAtStart", "ExtentPercentAtStart", "IncomeSourcesAtStart", '
        '"StepAtStart", "IncomeSourcesAtExit", "CreatedAtUtc", "UpdatedAtUtc", "Version", "FollowUpContactConsent", "Gender") '
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "Id"',
        (intervention, person_id, "2026-12-07", "Borås", "SocialInsuranceAgency", "UpperSecondary", "OneToTwoYears",
         "SickLeave", 25, '["SicknessBenefit","FinancialAssistance"]', 2, "[]", now, now, 0, 0, "Woman")).fetchone()[0]
    db.execute('INSERT INTO "ReportDataVersion" ("Id", "Epoch", "Version") VALUES (1, lower(hex(randomblob(8))), 1) '
               'ON CONFLICT ("Id") DO UPDATE SET "Version" = "Version" + 1')
    db.execute('INSERT INTO "ReportDataChanges" ("InterventionId", "Stamp") VALUES (?, 12345)', (intervention,))
    db.execute('INSERT INTO "AuditLog" ("Action", "AssociationId", "AtUtc", "Detail", "EntityId", "EntityType", "ProviderId", '
               '"Role", "UserId", "UserName") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "Id"',
               ("Create", association, now, None, str(participation_id), "Participation", provider, "Coach",
                "6a9eb885-7b77-48ee-a2da-9e7c9f8e97d5", "coach@bench.example")).fetchall()
    db.execute("COMMIT")
intake = (time.perf_counter() - start) / count * 1e6

start = time.perf_counter()
for _ in range(count):
    db.execute(person, person_values).fetchone()
bare = (time.perf_counter() - start) / count * 1e6

print(f"intake transaction: {intake:.0f} us; bare insert: {bare:.0f} us; ratio {intake / bare:.1f} ({count} each)")
