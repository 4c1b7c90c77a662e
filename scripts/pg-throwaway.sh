#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks, on a free localhost port in a temp dir.
#   eval "$(scripts/pg-throwaway.sh start)"   # exports KCC_TEST_DATABASE_URL and KCC_PG_THROWAWAY_DIR
#   scripts/pg-throwaway.sh stop "$KCC_PG_THROWAWAY_DIR"
set -euo pipefail
# shellcheck source=throwaway-services.sh
source "$(dirname "$0")/throwaway-services.sh"

case "${1:-start}" in
  start)
    start_throwaway_postgres
    echo "export KCC_TEST_DATABASE_URL=$THROWAWAY_PG_URL"
    echo "export KCC_PG_THROWAWAY_DIR=$THROWAWAY_PG_DIR"
    ;;
  stop)
    stop_throwaway_postgres "${2:?usage: pg-throwaway.sh stop <dir>}"
    ;;
  *)
    echo "usage: pg-throwaway.sh start | stop <dir>" >&2
    exit 2
    ;;
esac
