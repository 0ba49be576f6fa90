#!/usr/bin/env bash
# Back up the HiBid Email database (SQLite online backup or pg_dump), optionally
# the local media folder, optionally copy to S3, and prune old local backups.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/backup-db.sh [options]

Options (each also settable by the environment variable in brackets):
  --database-url URL    database to back up [DATABASE_URL; else read from $ENV_FILE or .env]
                        sqlite+aiosqlite:///./data/hibid.db   -> SQLite online backup API (safe while the app runs)
                        postgresql+asyncpg://u:p@host:5432/db -> pg_dump -Fc
  --sqlite-base DIR     directory relative SQLite paths are resolved from [SQLITE_BASE_DIR, default backend/]
  --out DIR             where backups are written [BACKUP_DIR, default ./backups]
  --media-dir DIR       also archive this local media folder (STORAGE_BACKEND=local) [BACKUP_MEDIA_DIR]
  --s3 URI              copy the files to this S3 prefix with `aws s3 cp`, e.g. s3://bucket/backups/ [BACKUP_S3_URI]
  --from-container SVC  read DATABASE_URL and MEDIA_ROOT from the running compose service SVC
                        (e.g. backend-1) and take the SQLite copy / media archive inside it;
                        for the compose stack whose data lives in a Docker volume;
                        there --media-dir is a path in the container, "auto" = its MEDIA_ROOT
  --retention-days N    delete local backups older than N days, 0 keeps all [BACKUP_RETENTION_DAYS, default 14]
  -h, --help

PostgreSQL client tools must be at least the server's major version. Set
PG_TOOLS_IMAGE (e.g. postgres:16.6-bookworm) to run pg_dump in that image with
docker instead, on PG_DOCKER_NETWORK (default host; use hibid-email_default for
the compose "onehost" database).

Prints the path of each file written. Exit status is non-zero on any failure.
Restore with scripts/restore-db.sh.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db_url="${DATABASE_URL:-}"
sqlite_base="${SQLITE_BASE_DIR:-$ROOT/backend}"
out_dir="${BACKUP_DIR:-$ROOT/backups}"
media_dir="${BACKUP_MEDIA_DIR:-}"
s3_uri="${BACKUP_S3_URI:-}"
retention="${BACKUP_RETENTION_DAYS:-14}"
container=""

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --database-url) db_url="$2"; shift 2 ;;
    --sqlite-base) sqlite_base="$2"; shift 2 ;;
    --out) out_dir="$2"; shift 2 ;;
    --media-dir) media_dir="$2"; shift 2 ;;
    --s3) s3_uri="$2"; shift 2 ;;
    --retention-days) retention="$2"; shift 2 ;;
    --from-container) container="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=infra/lib/db-url.sh
source "$ROOT/infra/lib/db-url.sh"
in_container() { docker compose exec -T "$container" "$@"; }
if [ -n "$container" ]; then
  db_url="$(in_container printenv DATABASE_URL || true)"
  [ -n "$db_url" ] || db_url="sqlite+aiosqlite:////app/data/hibid.db"
  # With a container, --media-dir is a path inside it; "auto" means its MEDIA_ROOT.
  if [ "$media_dir" = "auto" ]; then media_dir="$(in_container printenv MEDIA_ROOT || echo /app/data/media)"; fi
fi
[ -n "$db_url" ] || db_url="$(read_env_setting DATABASE_URL "${ENV_FILE:-$ROOT/.env}")"
[ -n "$db_url" ] || db_url="sqlite+aiosqlite:///./data/hibid.db"
case "$retention" in ''|*[!0-9]*) echo "--retention-days must be a whole number" >&2; exit 2 ;; esac

mkdir -p "$out_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
written=()

case "$(db_kind "$db_url")" in
  sqlite)
    dest="$out_dir/hibid-sqlite-$stamp.db"
    if [ -n "$container" ]; then
      # Same backup API, run where the file is; the copy comes out through stdout.
      in_container python - "$(sqlite_path "$db_url" /app)" <<'PY' > "$dest"
import os, sqlite3, sys, tempfile
src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
fd, tmp = tempfile.mkstemp(suffix=".db"); os.close(fd)
dst = sqlite3.connect(tmp)
with dst:
    src.backup(dst)
ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.close(); src.close()
if ok != "ok":
    sys.exit(f"integrity check of the copy failed: {ok}")
with open(tmp, "rb") as f:
    sys.stdout.buffer.write(f.read())
os.unlink(tmp)
PY
    else
      src="$(sqlite_path "$db_url" "$sqlite_base")"
      [ -f "$src" ] || { echo "SQLite database not found: $src" >&2; exit 1; }
      # The backup API copies a consistent snapshot even while the app writes (WAL).
      python3 - "$src" "$dest" <<'PY'
import sqlite3, sys
src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
dst = sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst)
ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.close(); src.close()
if ok != "ok":
    sys.exit(f"integrity check of the copy failed: {ok}")
PY
    fi
    gzip -9 "$dest"
    written+=("$dest.gz")
    ;;
  postgres)
    dest="$out_dir/hibid-pg-$stamp.dump"
    pg_tool pg_dump --format=custom --compress=6 --no-owner --no-acl --dbname="$(libpq_url "$db_url")" > "$dest.part"
    # A dump pg_restore cannot list is not a backup.
    pg_tool pg_restore --list < "$dest.part" > /dev/null
    mv "$dest.part" "$dest"
    written+=("$dest")
    ;;
  *) echo "unsupported DATABASE_URL scheme: ${db_url%%:*}" >&2; exit 2 ;;
esac

if [ -n "$media_dir" ]; then
  media_tar="$out_dir/hibid-media-$stamp.tar.gz"
  if [ -n "$container" ]; then
    in_container tar -C "$media_dir" -czf - . > "$media_tar"
  else
    [ -d "$media_dir" ] || { echo "media folder not found: $media_dir" >&2; exit 1; }
    tar -C "$media_dir" -czf "$media_tar" .
  fi
  written+=("$media_tar")
fi

for f in "${written[@]}"; do
  (cd "$(dirname "$f")" && sha256sum "$(basename "$f")" > "$(basename "$f").sha256")
  echo "$f"
done

if [ -n "$s3_uri" ]; then
  command -v aws >/dev/null || { echo "aws CLI not found; cannot copy to $s3_uri" >&2; exit 1; }
  for f in "${written[@]}"; do
    aws s3 cp --only-show-errors "$f" "${s3_uri%/}/$(basename "$f")"
    aws s3 cp --only-show-errors "$f.sha256" "${s3_uri%/}/$(basename "$f").sha256"
    echo "${s3_uri%/}/$(basename "$f")"
  done
  # Retention in S3 is the bucket's lifecycle rule (infra/aws): the host cannot delete backups.
fi

if [ "$retention" -gt 0 ]; then
  find "$out_dir" -maxdepth 1 -type f -name 'hibid-*' -mtime "+$retention" -print -delete | sed 's/^/pruned /'
fi
