#!/usr/bin/env bash
# Restore a backup made by scripts/backup-db.sh into the configured database.
# Stop the backends first (docker compose -f docker-compose.prod.yml stop backend-1 backend-2):
# a restore replaces everything written since the backup.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/restore-db.sh [options] BACKUP

  BACKUP                hibid-sqlite-*.db.gz or hibid-pg-*.dump, a local path or s3://...
Options (environment variable in brackets):
  --database-url URL    database to restore into [DATABASE_URL; else read from $ENV_FILE or .env]
  --sqlite-base DIR     base for relative SQLite paths [SQLITE_BASE_DIR, default backend/]
  --media ARCHIVE       also unpack a hibid-media-*.tar.gz (local path or s3://) into --media-dir
  --media-dir DIR       local media folder to restore into [BACKUP_MEDIA_DIR]
  --owner UID:GID       chown what was restored (10001:10001 for the backend image's user)
  --yes                 do not ask for confirmation (scripts, drills)
  -h, --help

SQLite: the current file is kept beside the new one as *.pre-restore-<time>.
PostgreSQL: the database is created if it was dropped, then pg_restore --clean
--if-exists --single-transaction replaces its contents (all or nothing).
The sha256 written by backup-db.sh is checked when it is next to the backup.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db_url="${DATABASE_URL:-}"
sqlite_base="${SQLITE_BASE_DIR:-$ROOT/backend}"
media_archive=""
media_dir="${BACKUP_MEDIA_DIR:-}"
assume_yes=0
owner=""
backup=""

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --database-url) db_url="$2"; shift 2 ;;
    --sqlite-base) sqlite_base="$2"; shift 2 ;;
    --media) media_archive="$2"; shift 2 ;;
    --media-dir) media_dir="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    --yes|-y) assume_yes=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) backup="$1"; shift ;;
  esac
done
[ -n "$backup" ] || { usage >&2; exit 2; }

# shellcheck source=infra/lib/db-url.sh
source "$ROOT/infra/lib/db-url.sh"
[ -n "$db_url" ] || db_url="$(read_env_setting DATABASE_URL "${ENV_FILE:-$ROOT/.env}")"
[ -n "$db_url" ] || db_url="sqlite+aiosqlite:///./data/hibid.db"

work="$(mktemp -d "${TMPDIR:-/tmp}/restore.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# fetch SRC: a local path to SRC (downloaded from S3 when needed), checksum verified.
fetch() {
  local src="$1" local_path
  case "$src" in
    s3://*)
      command -v aws >/dev/null || { echo "aws CLI not found" >&2; return 1; }
      local_path="$work/$(basename "$src")"
      aws s3 cp --only-show-errors "$src" "$local_path" >&2
      aws s3 cp --only-show-errors "$src.sha256" "$local_path.sha256" >&2 2>/dev/null || true
      ;;
    *) [ -f "$src" ] || { echo "backup not found: $src" >&2; return 1; }; local_path="$src" ;;
  esac
  if [ -f "$local_path.sha256" ]; then
    (cd "$(dirname "$local_path")" && sha256sum --check --status "$(basename "$local_path").sha256") \
      || { echo "checksum mismatch for $local_path" >&2; return 1; }
  fi
  echo "$local_path"
}

confirm() {
  [ "$assume_yes" = "1" ] && return 0
  [ -t 0 ] || { echo "refusing to restore without --yes (no terminal to ask)" >&2; exit 1; }
  read -r -p "$1 [y/N] " answer
  case "$answer" in y|Y|yes) ;; *) echo "aborted"; exit 1 ;; esac
}

file="$(fetch "$backup")"
kind="$(db_kind "$db_url")"
case "$(basename "$file"):$kind" in
  hibid-sqlite-*.db.gz:sqlite)
    target="$(sqlite_path "$db_url" "$sqlite_base")"
    confirm "Replace SQLite database $target with $(basename "$file")?"
    gunzip -c "$file" > "$work/restore.db"
    python3 - "$work/restore.db" <<'PY'
import sqlite3, sys
ok = sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    sys.exit(f"backup fails integrity check: {ok}")
PY
    mkdir -p "$(dirname "$target")"
    if [ -f "$target" ]; then
      aside="$target.pre-restore-$(date -u +%Y%m%dT%H%M%SZ)"
      mv "$target" "$aside"
      echo "previous database kept as $aside"
    fi
    # Stale WAL/SHM files would be replayed onto the restored database.
    rm -f "$target-wal" "$target-shm"
    cp "$work/restore.db" "$target.restoring"
    mv "$target.restoring" "$target"
    [ -z "$owner" ] || chown "$owner" "$target"
    echo "restored $target"
    ;;
  hibid-pg-*.dump:postgres)
    dbname="$(libpq_dbname "$db_url")"
    confirm "Replace the contents of PostgreSQL database '$dbname' with $(basename "$file")?"
    exists="$(pg_tool psql --dbname="$(libpq_admin_url "$db_url")" -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = '${dbname//\'/\'\'}'")"
    if [ "$exists" != "1" ]; then
      echo "database $dbname does not exist: creating it"
      pg_tool psql --dbname="$(libpq_admin_url "$db_url")" -qc "CREATE DATABASE \"${dbname//\"/\"\"}\""
    fi
    pg_tool pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error \
      --dbname="$(libpq_url "$db_url")" < "$file"
    echo "restored database $dbname"
    ;;
  *)
    echo "$(basename "$file") does not match DATABASE_URL ($kind): expected hibid-sqlite-*.db.gz or hibid-pg-*.dump" >&2
    exit 2
    ;;
esac

if [ -n "$media_archive" ]; then
  [ -n "$media_dir" ] || { echo "--media needs --media-dir" >&2; exit 2; }
  archive="$(fetch "$media_archive")"
  mkdir -p "$media_dir"
  tar -C "$media_dir" -xzf "$archive"
  [ -z "$owner" ] || chown -R "$owner" "$media_dir"
  echo "restored media into $media_dir"
fi
