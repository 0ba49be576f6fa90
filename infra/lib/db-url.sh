#!/usr/bin/env bash
# Helpers shared by backup-db.sh and restore-db.sh: read DATABASE_URL, turn the
# app's SQLAlchemy URL into what sqlite3 / libpq tools understand. Functions only.

# read_env_setting NAME FILE: the value of NAME in a dotenv file (last wins), unquoted.
read_env_setting() {
  local name="$1" file="$2" line value=""
  [ -f "$file" ] || { echo ""; return 0; }
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in "$name="*) value="${line#"$name="}" ;; esac
  done < "$file"
  value="${value%\"}"; value="${value#\"}"; value="${value%\'}"; value="${value#\'}"
  echo "$value"
}

# db_kind URL: sqlite | postgres | unknown
db_kind() {
  case "$1" in
    sqlite*) echo sqlite ;;
    postgres*) echo postgres ;;
    *) echo unknown ;;
  esac
}

# sqlite_path URL BASE: file path of a sqlite URL; relative paths resolve from BASE.
# sqlite+aiosqlite:///./data/x.db -> BASE/data/x.db ; sqlite+aiosqlite:////abs/x.db -> /abs/x.db
sqlite_path() {
  local rest="${1#*:///}"
  rest="${rest%%\?*}"
  case "$rest" in
    /*) echo "$rest" ;;
    *) echo "$2/${rest#./}" ;;
  esac
}

# libpq_url URL: postgresql+asyncpg://... -> postgresql://... (asyncpg's ssl= becomes sslmode=)
libpq_url() {
  local url="$1"
  url="postgresql://${url#*://}"
  url="${url//ssl=/sslmode=}"
  echo "$url"
}

# libpq_admin_url URL: the same server, maintenance database "postgres".
libpq_admin_url() {
  local url query=""
  url="$(libpq_url "$1")"
  case "$url" in *\?*) query="?${url#*\?}"; url="${url%%\?*}" ;; esac
  echo "${url%/*}/postgres$query"
}

# libpq_dbname URL: the database name.
libpq_dbname() {
  local url
  url="$(libpq_url "$1")"
  url="${url%%\?*}"
  echo "${url##*/}"
}

# pg_tool CMD ARGS...: run a PostgreSQL client tool on the host, or in
# $PG_TOOLS_IMAGE with docker when set (client must be >= the server's major).
pg_tool() {
  if [ -n "${PG_TOOLS_IMAGE:-}" ]; then
    docker run --rm -i --network "${PG_DOCKER_NETWORK:-host}" "$PG_TOOLS_IMAGE" "$@"
  else
    command -v "$1" >/dev/null || { echo "$1 not found: install postgresql-client or set PG_TOOLS_IMAGE" >&2; return 1; }
    "$@"
  fi
}
