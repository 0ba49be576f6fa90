#!/usr/bin/env bash
# Zero-downtime deploy on the compose host: pull, build images tagged with the
# commit, back up the database, replace backend replicas one at a time (each
# must pass /health/ready before the next goes), then nginx, then smoke tests.
# Any failed health check puts the previous image tag back.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh [options]

  --dry-run          print every step without running anything
  --no-pull          deploy the working tree as it is (no git pull)
  --no-backup        skip the pre-deploy database backup
  --ref REF          git ref to deploy (default: the current branch's upstream)
  --rollback         put the previously deployed tag back (no build)
  --smoke-url URL    run scripts/smoke-tests.sh URL at the end (default $SMOKE_URL; -k if SMOKE_INSECURE=1)
  -h, --help

Environment:
  COMPOSE_FILE        compose files (default docker-compose.prod.yml; the AWS
                      host adds infra/compose/docker-compose.awslogs.yml)
  HEALTH_TIMEOUT      seconds a replica gets to become healthy (default 180)
  MIGRATE_CMD         one-off migration command run in a backend container before
                      the restart, e.g. "alembic upgrade head"; empty (default): the
                      app migrates at start-up, so the first replica does it
  DEPLOY_STATE_DIR    where the current/previous tags are kept (default infra/.deploy);
                      the AWS host's profile exports IMAGE_TAG from it, so manual
                      `docker compose` commands use the deployed images

Migrations must stay backward compatible for one release (add, backfill, then
remove later): during the roll the old replica runs against the new schema, and
a rollback puts old code on it too.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dry_run=0 pull=1 backup=1 ref="" rollback_only=0 smoke_url="${SMOKE_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --dry-run) dry_run=1; shift ;;
    --no-pull) pull=0; shift ;;
    --no-backup) backup=0; shift ;;
    --ref) ref="$2"; shift 2 ;;
    --rollback) rollback_only=1; shift ;;
    --smoke-url) smoke_url="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

export COMPOSE_FILE="${COMPOSE_FILE:-docker-compose.prod.yml}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-180}"
STATE_DIR="${DEPLOY_STATE_DIR:-$ROOT/infra/.deploy}"
REPLICAS=(backend-1 backend-2)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
run() {  # run CMD...: print it; execute unless --dry-run
  printf '    $ %s\n' "$*"
  [ "$dry_run" = "1" ] || "$@"
}
compose() { docker compose "$@"; }

# wait_healthy SERVICE: until its container reports healthy, or fail after HEALTH_TIMEOUT.
wait_healthy() {
  local svc="$1" waited=0 cid status
  printf '    waiting for %s to be healthy (timeout %ss)\n' "$svc" "$HEALTH_TIMEOUT"
  [ "$dry_run" = "1" ] && return 0
  while [ "$waited" -lt "$HEALTH_TIMEOUT" ]; do
    cid="$(compose ps -q "$svc" 2>/dev/null || true)"
    if [ -n "$cid" ]; then
      status="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$cid" 2>/dev/null || echo unknown)"
      case "$status" in
        healthy) printf '    %s healthy after %ss\n' "$svc" "$waited"; return 0 ;;
        exited|dead) break ;;
      esac
    fi
    sleep 3; waited=$((waited + 3))
  done
  echo "    $svc did not become healthy; last log lines:" >&2
  compose logs --tail 40 "$svc" >&2 || true
  return 1
}

# roll_to TAG: replace each replica in turn with images tagged TAG, then nginx.
roll_to() {
  local tag="$1" svc
  for svc in "${REPLICAS[@]}"; do
    say "replacing $svc with tag $tag"
    run env IMAGE_TAG="$tag" docker compose up -d --no-deps --no-build --force-recreate "$svc"
    wait_healthy "$svc" || return 1
    # nginx resolved the replica's old address at start; reload picks up the new one.
    # Not fatal: on a first deploy nginx is not running yet, and it is recreated below anyway.
    run docker compose exec -T nginx nginx -s reload -c /tmp/nginx/nginx.conf \
      || echo "    (nginx not reloaded; it is recreated at the end of the roll)"
  done
  say "replacing nginx (static files) with tag $tag"
  run env IMAGE_TAG="$tag" docker compose up -d --no-deps --no-build --force-recreate nginx
  wait_healthy nginx || return 1
}

# Point :latest at TAG too, so a bare `docker compose up -d` (no IMAGE_TAG) runs
# the same code instead of whatever :latest was before.
tag_latest() {
  run docker tag "${BACKEND_IMAGE:-hibid-backend}:$1" "${BACKEND_IMAGE:-hibid-backend}:latest"
  run docker tag "${WEB_IMAGE:-hibid-web}:$1" "${WEB_IMAGE:-hibid-web}:latest"
}

mkdir -p "$STATE_DIR"
current_tag="$(cat "$STATE_DIR/current" 2>/dev/null || echo latest)"
previous_tag="$(cat "$STATE_DIR/previous" 2>/dev/null || echo "")"

if [ "$dry_run" = "0" ]; then
  command -v docker >/dev/null || { echo "docker not found" >&2; exit 1; }
  docker compose version >/dev/null || { echo "docker compose plugin not found" >&2; exit 1; }
  [ -f .env ] || [ -n "${ENV_FILE:-}" ] || { echo ".env missing: see docs/DEPLOYMENT.md" >&2; exit 1; }
fi

if [ "$rollback_only" = "1" ]; then
  [ -n "$previous_tag" ] || { echo "no previous deploy recorded in $STATE_DIR" >&2; exit 1; }
  say "rolling back from $current_tag to $previous_tag"
  roll_to "$previous_tag"
  tag_latest "$previous_tag"
  [ "$dry_run" = "1" ] || { echo "$previous_tag" > "$STATE_DIR/current"; echo "$current_tag" > "$STATE_DIR/previous"; }
  say "rolled back to $previous_tag"
  exit 0
fi

started=$SECONDS
if [ "$pull" = "1" ]; then
  say "updating the checkout"
  run git fetch --prune origin
  if [ -n "$ref" ]; then run git checkout --detach "$ref"; else run git pull --ff-only; fi
fi
new_tag="$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && new_tag="$new_tag-dirty"
say "deploying $new_tag (running: $current_tag)"

say "building images"
run env IMAGE_TAG="$new_tag" docker compose build --pull backend-1 nginx

if [ "$backup" = "1" ]; then
  say "backing up the database before migrating"
  if [ "$dry_run" = "0" ] && [ -z "$(docker compose ps -q --status running backend-1 2>/dev/null)" ]; then
    echo "    backend-1 is not running (first deploy?): nothing to back up"
  else
    # DATABASE_URL as the running app sees it; SQLite is copied inside the container.
    run "$ROOT/scripts/backup-db.sh" --from-container backend-1
  fi
fi

if [ -n "${MIGRATE_CMD:-}" ]; then
  say "running migrations"
  # shellcheck disable=SC2086  # MIGRATE_CMD is a command line on purpose
  run env IMAGE_TAG="$new_tag" docker compose run --rm --no-deps backend-1 $MIGRATE_CMD
fi

if ! roll_to "$new_tag"; then
  say "deploy of $new_tag failed: rolling back to $current_tag"
  roll_to "$current_tag" || { echo "ROLLBACK FAILED: see docs/RUNBOOK.md 'Failed deploy'" >&2; exit 2; }
  echo "rolled back to $current_tag; $new_tag was not deployed" >&2
  exit 1
fi

tag_latest "$new_tag"
if [ "$dry_run" = "0" ]; then
  echo "$current_tag" > "$STATE_DIR/previous"
  echo "$new_tag" > "$STATE_DIR/current"
fi

if [ -n "$smoke_url" ]; then
  say "smoke tests against $smoke_url"
  if ! run "$ROOT/scripts/smoke-tests.sh" "$smoke_url"; then
    echo "smoke tests failed on $new_tag: run 'scripts/deploy.sh --rollback' if users are affected" >&2
    exit 1
  fi
fi

say "deployed $new_tag in $((SECONDS - started))s (previous: $current_tag)"

# Keep the images of this release and the previous one (the rollback target); drop older ones.
say "removing images of older releases"
for repo in "${BACKEND_IMAGE:-hibid-backend}" "${WEB_IMAGE:-hibid-web}"; do
  if [ "$dry_run" = "1" ]; then
    echo "    (would remove $repo tags other than $new_tag, $current_tag and latest)"
    continue
  fi
  docker images "$repo" --format '{{.Tag}}' | while read -r tag; do
    case "$tag" in "$new_tag"|"$current_tag"|latest|"<none>") ;; *) docker rmi "$repo:$tag" >/dev/null 2>&1 || true ;; esac
  done
done
run docker image prune -f
