#!/usr/bin/env bash
# Round trip of scripts/backup-db.sh and scripts/restore-db.sh on throwaway data:
# SQLite always; PostgreSQL too when a server answers on $PGHOST (default 127.0.0.1)
# as $PGUSER (default postgres) without a password prompt. Back up, drop, restore,
# compare rows and the media archive.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra/lib/backup-selftest.sh [--help]
Set BACKUP_SELFTEST_PG=0 to skip PostgreSQL, =1 to require it.
EOF
}
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { usage; exit 0; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/backup-selftest.XXXXXX")"
pg_db="hibid_backup_selftest_$$"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}" PGCONNECT_TIMEOUT=3
cleanup() {
  rm -rf "$work"
  [ "${pg_used:-0}" = "1" ] && psql -d postgres -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---- SQLite (WAL mode, as the app runs it) plus a media folder ------------------
mkdir -p "$work/data/media/campaigns/c1"
printf 'PK-not-really-a-zip' > "$work/data/media/campaigns/c1/package.zip"
python3 - "$work/data/hibid.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE campaign (id TEXT PRIMARY KEY, status TEXT)")
db.executemany("INSERT INTO campaign VALUES (?, ?)", [(f"c{i}", "approved") for i in range(1, 51)])
db.commit()
PY
url="sqlite+aiosqlite:///$work/data/hibid.db"
"$ROOT/scripts/backup-db.sh" --database-url "$url" --media-dir "$work/data/media" --out "$work/backups" --retention-days 0 > "$work/backup.out"
rm -rf "$work/data"
"$ROOT/scripts/restore-db.sh" --yes --database-url "$url" \
  --media "$(ls "$work"/backups/hibid-media-*.tar.gz)" --media-dir "$work/data/media" \
  "$(ls "$work"/backups/hibid-sqlite-*.db.gz)" > "$work/restore.out"
rows="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from campaign where status='approved'\").fetchone()[0])" "$work/data/hibid.db")"
[ "$rows" = 50 ] || { echo "sqlite: expected 50 rows after restore, got $rows"; exit 1; }
cmp -s <(printf 'PK-not-really-a-zip') "$work/data/media/campaigns/c1/package.zip" || { echo "media not restored"; exit 1; }
echo "ok    sqlite + media: backup, delete, restore (50 rows, media file intact)"

# A tampered backup must be refused.
gz="$(ls "$work"/backups/hibid-sqlite-*.db.gz)"
printf 'x' >> "$gz"
if "$ROOT/scripts/restore-db.sh" --yes --database-url "$url" "$gz" > /dev/null 2>&1; then
  echo "sqlite: a backup with a wrong checksum was restored"; exit 1
fi
echo "ok    sqlite: tampered backup refused (checksum)"

# ---- PostgreSQL (optional) -------------------------------------------------------
if [ "${BACKUP_SELFTEST_PG:-auto}" = "0" ]; then echo "skip  postgresql (BACKUP_SELFTEST_PG=0)"; exit 0; fi
if ! command -v psql >/dev/null || ! psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  [ "${BACKUP_SELFTEST_PG:-auto}" = "1" ] && { echo "postgresql required but not reachable at $PGHOST"; exit 1; }
  echo "skip  postgresql (no server at $PGHOST as $PGUSER)"; exit 0
fi
server_major="$(psql -d postgres -Atqc 'show server_version_num' | cut -c1-2)"
client_major="$(pg_dump --version | sed -E 's/.* ([0-9]+)\..*/\1/')"
if [ "$client_major" -lt "$server_major" ]; then
  echo "skip  postgresql (pg_dump $client_major older than server $server_major)"; exit 0
fi
pg_used=1
psql -d postgres -qc "CREATE DATABASE $pg_db"
psql -d "$pg_db" -qc "CREATE TABLE campaign (id text primary key, status text); INSERT INTO campaign SELECT 'c' || g, 'approved' FROM generate_series(1, 50) g;"
pg_url="postgresql+asyncpg://$PGUSER@$PGHOST:5432/$pg_db"
"$ROOT/scripts/backup-db.sh" --database-url "$pg_url" --out "$work/pg" --retention-days 0 > /dev/null
psql -d postgres -qc "DROP DATABASE $pg_db"
"$ROOT/scripts/restore-db.sh" --yes --database-url "$pg_url" "$(ls "$work"/pg/hibid-pg-*.dump)" > /dev/null
rows="$(psql -d "$pg_db" -Atqc "select count(*) from campaign where status = 'approved'")"
[ "$rows" = 50 ] || { echo "postgresql: expected 50 rows after restore, got $rows"; exit 1; }
echo "ok    postgresql: backup, DROP DATABASE, restore (50 rows)"
