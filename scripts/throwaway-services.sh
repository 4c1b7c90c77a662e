# Throwaway PostgreSQL and Redis for tests: sourced by .ci/run and scripts/pg-throwaway.sh (bash).
# Each lives in its own temp dir on a free localhost port, trust auth, no persistence worth keeping.

throwaway_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root), else as ourselves.
throwaway_as_pg() {
  # From /: the postgres user may not enter the caller's directory (a root-owned checkout).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

throwaway_pg_bin() {
  if [ -x "$(command -v pg_config 2>/dev/null)" ] && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
  fi
}

# Starts a cluster; sets THROWAWAY_PG_DIR and THROWAWAY_PG_URL.
start_throwaway_postgres() {
  local bin port dir
  bin="$(throwaway_pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    return 1
  fi
  dir="$(mktemp -d -t kcc-pg-XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  port="$(throwaway_free_port)"
  throwaway_as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; return 1; }
  # Test data only: no fsync, so the suite does not wait for the disk.
  throwaway_as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start || { cat "$dir/server.log" >&2; return 1; }
  THROWAWAY_PG_DIR="$dir"
  THROWAWAY_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_postgres() {
  local dir="${1:-${THROWAWAY_PG_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  throwaway_as_pg "$(throwaway_pg_bin)/pg_ctl" -D "$dir/data" -m immediate -s stop || true
  rm -rf "$dir"
}

# Starts redis-server without persistence; sets THROWAWAY_REDIS_PID and THROWAWAY_REDIS_URL.
start_throwaway_redis() {
  local port
  if ! command -v redis-server >/dev/null; then
    echo "redis-server is not installed (apt-get install redis-server)" >&2
    return 1
  fi
  port="$(throwaway_free_port)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --loglevel warning \
    >/dev/null 2>&1 &
  THROWAWAY_REDIS_PID=$!
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  THROWAWAY_REDIS_URL="redis://127.0.0.1:$port"
}

stop_throwaway_redis() {
  [ -n "${THROWAWAY_REDIS_PID:-}" ] && kill "$THROWAWAY_REDIS_PID" 2>/dev/null || true
}
