#!/bin/sh
# Load test: the key pages against gunicorn (two sync workers, persistent database
# connections) on 127.0.0.1, with wrk, one client and then CLIENTS concurrent clients, as
# the public and signed in as democratic services; then each page's query count and SQL
# time (benchmark_pages, through the test client). Needs wrk (apt-get install wrk) and a
# PostgreSQL database filled by generate_world:
#
#   createdb -h 127.0.0.1 -U postgres scrutiny_large
#   export DATABASE_URL=postgres://postgres@127.0.0.1:5432/scrutiny_large
#   uv run manage.py migrate && uv run manage.py generate_world
#   sh tests/load/run.sh            # DURATION=12s CLIENTS="1 16" PAGES="home search" ...
#
# wrk, not locust: wrk is C and uses little CPU on a two-core machine where the load
# generator shares the cores with gunicorn and PostgreSQL; locust's Python clients would
# take a large share of them and distort the figures.
set -eu
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?Set DATABASE_URL to a PostgreSQL database filled by generate_world}"
DURATION=${DURATION:-12s}
CLIENTS=${CLIENTS:-"1 16"}
PORT=${PORT:-8765}
TIMEOUT=${TIMEOUT:-60s}
PAGES=${PAGES:-}
OUT=${OUT:-$(mktemp -d)}
# Production-like settings, on plain http.
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=load-test-only DJANGO_SSL_REDIRECT=false
export DJANGO_SECURE_COOKIES=false DJANGO_MANIFEST_STATIC=false DJANGO_LOG_LEVEL=WARNING
export DJANGO_CONN_MAX_AGE=${DJANGO_CONN_MAX_AGE:-600}

uv run manage.py benchmark_pages --list 2>/dev/null >"$OUT/pages.tsv"
SESSION=$(uv run manage.py benchmark_pages --session democratic 2>/dev/null | tail -n 1)

uv run gunicorn scrutiny.wsgi -w 2 -k sync -b "127.0.0.1:$PORT" --timeout 300 \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
  sleep 0.5
done

# Wait until the workers are idle: requests a run left queued (clients gone) are still
# served, and would slow the next page's run.
drain() {
  for _ in $(seq 1 100); do
    t=$(curl -s -o /dev/null -m 300 -w '%{time_total}' "http://127.0.0.1:$PORT/health/" || echo 9)
    awk "BEGIN { exit !($t < 0.2) }" && return 0
  done
}

printf 'as\tclients\tpage\tp50\tp95\tp99\trps\trequests\terrors\n' >"$OUT/results.tsv"
for who in public democratic; do
  cookie="X-Load: $who"
  [ "$who" = democratic ] && cookie="Cookie: sessionid=$SESSION"
  for clients in $CLIENTS; do
    threads=$([ "$clients" -gt 1 ] && echo 2 || echo 1)
    while IFS="$(printf '\t')" read -r name url; do
      if [ -n "$PAGES" ] && [ "$name" != trivial ]; then
        case " $PAGES " in *" $name "*) ;; *) continue ;; esac
      fi
      # Warm up (and bound a page that never answers).
      curl -s -o /dev/null -m 120 -H "$cookie" "http://127.0.0.1:$PORT$url" || true
      line=$(wrk -t "$threads" -c "$clients" -d "$DURATION" --timeout "$TIMEOUT" \
        -s tests/load/report.lua -H "$cookie" "http://127.0.0.1:$PORT$url" | grep '^RESULT')
      printf '%s\t%s\t%s\t%s\n' "$who" "$clients" "$name" "${line#RESULT	}" \
        | tee -a "$OUT/results.tsv"
      drain
    done <"$OUT/pages.tsv"
  done
done
kill $GUNICORN 2>/dev/null || true

uv run python tests/load/summary.py "$OUT/results.tsv"
echo
echo "Queries and SQL time per page (benchmark_pages, one run, through the test client):"
uv run manage.py benchmark_pages 2>/dev/null | grep -v '"event"'
echo "Results in $OUT"
