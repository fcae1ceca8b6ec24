#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI.
#
#   eval "$(.ci/postgres.sh start)"   # exports PGTMP and SMART_ORDERS_PG_URL
#   .ci/postgres.sh stop [PGTMP]      # stops the cluster and removes its directory
#
# `start` installs Debian's postgresql with apt-get only when no initdb is found, creates a
# cluster in a fresh temporary directory, starts it on 127.0.0.1 at a free port (unix socket in
# the same directory), creates the database `smart_orders`, writes the URL to "$PGTMP/url" and
# prints `export` lines on stdout (everything else goes to stderr). On GitHub Actions the two
# variables are also appended to $GITHUB_ENV.
#
# The cluster is for tests only: trust authentication on the loopback interface, and
# fsync/full_page_writes/synchronous_commit off, because its data is thrown away anyway and the
# durability work would only slow the tests down. Never use these settings for a real store.
#
# Exit status: 0 started/stopped, 1 failure, 3 PostgreSQL is not installed and cannot be.
set -euo pipefail

readonly DATABASE=smart_orders
readonly SERVICE_USER=postgres

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
  fi
}

install_postgres() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "initdb not found, and apt-get cannot be used here (needs root on Debian/Ubuntu): install PostgreSQL >= 13"
    exit 3
  fi
  log "initdb not found: installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

# initdb refuses to run as root, so a root caller runs the cluster as the postgres user.
as_service_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_service_user() {
  if [[ $(id -u) -eq 0 ]] && ! id "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  fi
}

random_port() { echo $((20000 + RANDOM % 40000)); }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bindir
  bindir=$(find_bindir)
  if [[ -z "$bindir" ]]; then
    install_postgres
    bindir=$(find_bindir)
  fi
  [[ -n "$bindir" ]] || { log "PostgreSQL was installed but initdb is still not found"; exit 3; }
  ensure_service_user

  local dir="${PGTMP:-$(mktemp -d "${TMPDIR:-/tmp}/smart-orders-pg.XXXXXX")}"
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown "$SERVICE_USER" "$dir"; fi
  chmod 700 "$dir"

  as_service_user "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
    { log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }

  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(random_port)
    port_in_use "$port" && continue
    # Another process may take the port between the probe and the bind: then try another one.
    if as_service_user "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
      --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >&2; then
      break
    fi
    log "start on port $port failed (attempt $attempt), trying another port"
    port=""
  done
  [[ -n "$port" ]] || { log "could not start PostgreSQL:"; tail -n 20 "$dir/server.log" >&2; exit 1; }

  as_service_user "$bindir/psql" --host="$dir" --port="$port" --username=postgres --dbname=postgres \
    --quiet --no-psqlrc --command="CREATE DATABASE $DATABASE" >&2

  local url="postgres://postgres@127.0.0.1:$port/$DATABASE"
  echo "$url" >"$dir/url"
  if [[ -n "${GITHUB_ENV:-}" ]]; then
    printf 'PGTMP=%s\nSMART_ORDERS_PG_URL=%s\n' "$dir" "$url" >>"$GITHUB_ENV"
  fi
  echo "export PGTMP=$dir"
  echo "export SMART_ORDERS_PG_URL=$url"
}

stop() {
  local dir="${1:-${PGTMP:-}}"
  [[ -n "$dir" && -d "$dir" ]] || { log "stop: no cluster directory given (argument or PGTMP)"; exit 1; }
  local bindir
  bindir=$(find_bindir)
  if [[ -n "$bindir" && -f "$dir/data/postmaster.pid" ]]; then
    as_service_user "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [PGTMP]" >&2; exit 2 ;;
esac
