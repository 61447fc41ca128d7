# .ci/postgres.sh -- a throwaway PostgreSQL cluster for the second run of the tests (Debian, as root).
# .ci/run sources it and calls postgres_up, which installs PostgreSQL if missing, starts a cluster
# on /dev/shm (CREATE DATABASE ... TEMPLATE takes ~30 ms there: one database per test), exports
# QUALICOOP_TEST_DATABASE_URL and stops the cluster on EXIT, even when the tests fail.
#
# The pieces, usable on their own (works under `set -euo pipefail`):
#
#   source pg.sh
#   pg_install                      # apt-get install postgresql if initdb is missing
#   trap pg_stop EXIT               # set it first: stops the cluster + removes the dir, also on failure
#   pg_start                        # or: pg_start /some/short/dir  (default: pg_tmpdir)
#   echo "$PG_URL"                  # postgresql://app:app@127.0.0.1:PORT/app
#
# Exports after pg_start: PG_URL, DATABASE_URL (same), PG_ADMIN_URL (superuser),
# PG_PORT, PG_DIR, PG_BIN.  Tunables (env, optional): PG_USER, PG_PASSWORD, PG_DB,
# PG_FIXED_PORT (fixed port instead of a free one), PG_AUTH=trust|scram (host auth on 127.0.0.1).

_pg_as() {  # run a command as the postgres system user, from a dir it can read
  (cd / && runuser -u postgres -- "$@")
}

_pg_bindir() {  # newest /usr/lib/postgresql/<ver>/bin that has initdb
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
  [[ -n "$d" && -x "$d/initdb" ]] || return 1
  printf '%s\n' "$d"
}

_pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_install() {
  if _pg_bindir >/dev/null && id postgres >/dev/null 2>&1; then
    return 0  # already there (the machine image ships postgresql-15)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Works without `apt-get update` on a fresh box (stale lists still resolve);
  # fall back to update+install if the mirror no longer has the listed version.
  if ! apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 postgresql >/dev/null; then
    apt-get update -q -o DPkg::Lock::Timeout=120 >/dev/null
    apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 postgresql >/dev/null
  fi
  _pg_bindir >/dev/null
}

# Default place for the throwaway cluster: tmpfs (/dev/shm) when it has >= 2 GB free,
# else /tmp.  On this machine's disk, CREATE DATABASE after a DROP DATABASE costs
# ~0.3-0.6 s; on /dev/shm ~20-30 ms, and initdb is 2x faster.
pg_tmpdir() {
  local base=/tmp avail
  avail=$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}') || true
  if [[ -w /dev/shm && "${avail:-0}" -ge 2097152 ]]; then base=/dev/shm; fi
  mktemp -d "$base/pgci.XXXXXX"
}

# pg_start [dir]: initdb in <dir>/data, start on 127.0.0.1:<free port>, create user+db.
# <dir> (default: a new pg_tmpdir) is owned by postgres and DELETED by pg_stop.
pg_start() {
  local dir=${1:-}
  [[ -n "$dir" ]] || dir=$(pg_tmpdir)
  local user=${PG_USER:-app} pass=${PG_PASSWORD:-app} db=${PG_DB:-app}
  local bin port auth=${PG_AUTH:-trust}
  bin=$(_pg_bindir) || { echo "pg_start: no /usr/lib/postgresql/*/bin/initdb (run pg_install)" >&2; return 1; }
  local PG_PORT_FIXED=${PG_FIXED_PORT:-}
  port=${PG_FIXED_PORT:-$(_pg_free_port)}

  if [[ -d "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
    echo "pg_start: $dir is not empty (pg_stop deletes it; give a new/empty dir)" >&2; return 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # Exported first, so that `trap pg_stop EXIT` set before pg_start cleans up even
  # if initdb/start fail below.
  export PG_DIR="$dir" PG_BIN="$bin" PG_PORT="$port"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  if ! _pg_as test -w "$dir"; then  # e.g. a dir under /root (mode 700) is unreachable
    echo "pg_start: user postgres cannot reach $dir (parent dirs need o+x); use pg_tmpdir" >&2
    return 1
  fi
  # The socket path must stay < 108 bytes; keep <dir> short (e.g. /tmp/pgci.XXXXXX).

  local initdb_auth=(--auth=trust)
  if [[ "$auth" == scram ]]; then
    printf '%s\n' "$pass" > "$dir/pwfile"; chown postgres "$dir/pwfile"
    initdb_auth=(--auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pwfile")
  fi
  _pg_as "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --no-sync --no-instructions "${initdb_auth[@]}" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }

  # Test-only speed settings: no fsync (data is thrown away anyway).
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  # A free port picked up front can be taken by someone else before postgres binds it:
  # retry with a new port (unless PG_PORT was fixed by the caller).
  local try
  for try in 1 2 3; do
    if _pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    if [[ $try -lt 3 && -z "${PG_PORT_FIXED:-}" ]] && grep -q 'Address already in use' "$dir/server.log"; then
      port=$(_pg_free_port); export PG_PORT="$port"
      echo "port = $port" >>"$dir/data/postgresql.conf"   # last setting wins
      continue
    fi
    echo "pg_start: server did not start; log:" >&2; cat "$dir/server.log" >&2; return 1
  done

  _pg_as "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -v u="$user" -v p="$pass" -v d="$db" <<'SQL' >/dev/null
CREATE ROLE :"u" LOGIN CREATEDB PASSWORD :'p';
CREATE DATABASE :"d" OWNER :"u";
SQL

  export PG_URL="postgresql://${user}:${pass}@127.0.0.1:${port}/${db}"
  export DATABASE_URL="$PG_URL"
  export PG_ADMIN_URL="postgresql://postgres:${pass}@127.0.0.1:${port}/postgres"
  [[ "$auth" == scram ]] || PG_ADMIN_URL="postgresql://postgres@127.0.0.1:${port}/postgres"
}

# pg_stop: idempotent, always returns 0 (safe in an EXIT trap under set -e; bash keeps
# the script's own exit status after an EXIT trap).
pg_stop() {
  if [[ -n "${PG_DIR:-}" && -d "${PG_DIR}" ]]; then
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
      _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
        || _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 10 stop >/dev/null 2>&1 \
        || { local pid; pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) \
             && [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null; } || true
    fi
    rm -rf "$PG_DIR" || true
  fi
  unset PG_DIR PG_PORT
  return 0
}

# postgres_up: everything .ci/run needs, in one call (the cluster asks for passwords: scram).
postgres_up() {
  pg_install
  local previous
  previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\\1/")
  trap "pg_stop; ${previous:-:}" EXIT  # set before the start, so a failed start is cleaned too
  PG_AUTH=scram pg_start
  export QUALICOOP_TEST_DATABASE_URL="$PG_URL"
}
