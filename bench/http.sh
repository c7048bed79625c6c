#!/usr/bin/env bash
# Load test of the production configuration: gunicorn on 127.0.0.1, a bounded number of requests.
#
# Serves the benchmark site (bench/pages.py's database, built at SCALE of the full
# volume when missing) with network.settings.production, WhiteNoise's manifest
# storage included (collectstatic into static_root/ when the project's static files
# changed), and drives it with bench/http_load.py: a fixed number of requests over
# every page type and a spread of detail pages in Spanish and English. Two passes:
# with the page cache on (production's default, shared through a scratch Redis on
# loopback when redis-server is installed) and off. Prints requests per second,
# latency percentiles, the error count and the workers' memory (RSS and PSS) after each;
# exits non-zero on any error.
#
# Bounded: each pass sends at most REQUESTS requests within DEADLINE seconds, and
# the server runs under `timeout`; the trap stops it whatever happens.
#
#   bench/http.sh                                  # defaults below
#   REQUESTS=300 UNCACHED_REQUESTS=100 bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=.venv/bin/python
BENCH_DB=${BENCH_DB:-/tmp/compraspublicas-pages-bench.sqlite3}
SCALE=${SCALE:-0.1}
REQUESTS=${REQUESTS:-2000}
UNCACHED_REQUESTS=${UNCACHED_REQUESTS:-400}
CONCURRENCY=${CONCURRENCY:-6}
WORKERS=${WORKERS:-$((2 * $(nproc) + 1))}
DEADLINE=${DEADLINE:-150}
PORT=${PORT:-$($PYTHON -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"

if [ ! -f "$BENCH_DB" ]; then
    $PYTHON bench/pages.py --build-only --scale "$SCALE" --db "$BENCH_DB"
fi

export DJANGO_SETTINGS_MODULE=network.settings.production
SECRET_KEY=$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(50))')
MEDIA_ROOT=$(mktemp -d)
export SECRET_KEY MEDIA_ROOT
# Production refuses a local SITE_URL; the links it builds are not followed here.
export ALLOWED_HOSTS=127.0.0.1 SITE_URL=https://compraspublicas.example.org DATABASE_URL="sqlite:///$BENCH_DB" SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING

# Production shares the page cache between workers through Redis (a scratch one on loopback, no disk)
# or, without Redis, through the database.
redis_pid=""
if command -v redis-server >/dev/null; then
    REDIS_PORT=$($PYTHON -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    timeout $((4 * DEADLINE + 600)) redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --loglevel warning >/dev/null &
    redis_pid=$!
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    $PYTHON -c 'import os, sys, time, redis
client = redis.Redis.from_url(os.environ["REDIS_URL"])
for _attempt in range(100):
    try:
        sys.exit(0 if client.ping() else 1)
    except redis.ConnectionError:
        time.sleep(0.1)
sys.exit("redis-server did not start")' 
    cache_note="Redis page cache shared by the workers"
else
    # Production's default without Redis; a database built before its migration lacks the table.
    $PYTHON manage.py createcachetable
    cache_note="no redis-server: the page cache in the database's cache table, shared by the workers"
fi

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
stop_redis() {
    if [ -n "$redis_pid" ]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
}
trap 'stop_server; stop_redis; rm -rf "$MEDIA_ROOT"' EXIT

manifest=static_root/staticfiles.json
if [ ! -f "$manifest" ] || [ -n "$(find network countries events search -path '*/static/*' -newer "$manifest" -print -quit)" ]; then
    echo "collectstatic into static_root/ …"
    $PYTHON manage.py collectstatic --noinput --verbosity 0
fi

echo "HTTP benchmark on $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $WORKERS gunicorn workers; $cache_note; database $BENCH_DB"
status=0
# What a worker holds once it has served the mix: gunicorn's master is the child of `timeout`.
# RSS counts every page a worker touches; PSS splits the pages it shares with the master and the
# other workers (code imported before the fork, gunicorn.conf.py) between them, so the PSS of
# the master and its workers add up to what the server takes from the machine.
worker_memory() {
    local master
    master=$(pgrep -P "$server_pid" -f gunicorn | head -1)
    [ -n "$master" ] || return 0
    for pid in $master $(pgrep -P "$master"); do
        awk -v role="$([ "$pid" = "$master" ] && echo master || echo worker)" \
            '$1 == "Rss:" { rss = $2 } $1 == "Pss:" { pss = $2 } END { print role, rss, pss }' \
            "/proc/$pid/smaps_rollup" 2>/dev/null || true
    done | awk '$1 == "worker" { n += 1; rss += $2; pss += $3; if ($2 > max) max = $2 } { total += $3 }
        END { if (n) printf "  %d workers after the pass: RSS mean %.0f MiB, largest %.0f MiB; PSS mean %.0f MiB; PSS of the master and workers %.0f MiB\n",
            n, rss / n / 1024, max / 1024, pss / n / 1024, total / 1024 }'
}
run_pass() {
    local label=$1 cache_seconds=$2 requests=$3
    PAGE_CACHE_SECONDS=$cache_seconds timeout $((2 * DEADLINE + 120)) .venv/bin/gunicorn network.wsgi:application \
        --bind "127.0.0.1:$PORT" --workers "$WORKERS" --log-level warning &
    server_pid=$!
    $PYTHON bench/http_load.py --base "$BASE" --database-url "$DATABASE_URL" --label "$label" \
        --requests "$requests" --concurrency "$CONCURRENCY" --deadline "$DEADLINE" || status=1
    worker_memory
    stop_server
}
run_pass "page cache on" 600 "$REQUESTS"
run_pass "page cache off" 0 "$UNCACHED_REQUESTS"
echo "finished; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
