#!/bin/sh
# Two nodes behind a load balancer: starts two gunicorn nodes (two sync workers each, DEBUG
# off, the same DATABASE_URL and secret key) on 127.0.0.1 and an nginx in front of them,
# signs in as democratic services through the real sign-in form, loads the home page, the
# list and a review through nginx with wrk, stops one node half way through the run, and
# prints the requests, the failed ones (what a user would have seen) and whether the session
# still signs in after the node died. Exits non-zero if any request failed, any page came
# back signed out, or the session was lost. Needs nginx, wrk and curl, and a PostgreSQL
# database filled by generate_world:
#
#   createdb -h 127.0.0.1 -U postgres scrutiny_large
#   export DATABASE_URL=postgres://postgres@127.0.0.1:5432/scrutiny_large
#   uv run manage.py migrate && uv run manage.py generate_world
#   sh tests/load/two_nodes.sh      # DURATION=40 CLIENTS=8 STOP=term|kill PORT=8780 OUT=dir
#                                   # NEXT_UPSTREAM=off (no retry: it should fail)
#
# STOP=term (the default) stops the node as a service manager would (SIGTERM to the gunicorn
# master: it stops accepting and finishes what it holds); STOP=kill kills the master and its
# workers at once, as if the machine had died mid-request. nginx retries a request on the
# other node when the one it chose refuses, resets or times out (`proxy_next_upstream`), and
# leaves a node that failed alone for `fail_timeout`. Nothing is installed here.
set -eu
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?Set DATABASE_URL to a PostgreSQL database filled by generate_world}"

NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
missing=""
[ -x "$NGINX" ] || missing="$missing nginx"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
if [ -n "$missing" ]; then
  echo "two_nodes.sh needs:$missing. On Debian 12 / Ubuntu install them with" >&2
  echo "  sudo apt-get install -y nginx-light wrk curl" >&2
  echo "(nginx-light is enough; the system nginx service need not run: this script starts" >&2
  echo "its own nginx as a foreground process with a config in a temporary directory)." >&2
  exit 2
fi

DURATION=${DURATION:-40}
CLIENTS=${CLIENTS:-8}
PORT=${PORT:-8780}
NODE1=${NODE1:-$((PORT + 1))}
NODE2=${NODE2:-$((PORT + 2))}
STOP=${STOP:-term}
TIMEOUT=${TIMEOUT:-120s}
# NEXT_UPSTREAM=off shows what users see without the retry (the test should then fail).
NEXT_UPSTREAM=${NEXT_UPSTREAM:-error timeout http_502 http_503}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/nginx"
# nginx's workers run as nobody when started by root: they must reach their temp paths.
chmod 755 "$OUT" "$OUT/nginx"

# Production-like settings on plain http; what must be the same on every node is: the
# database, the secret key (it signs sessions' auth hashes, CSRF and message cookies).
export DJANGO_DEBUG=false DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-two-nodes-load-test-only}"
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false
export DJANGO_MANIFEST_STATIC=false DJANGO_LOG_LEVEL=WARNING DJANGO_TRUSTED_PROXY_COUNT=1
export DJANGO_CONN_MAX_AGE=${DJANGO_CONN_MAX_AGE:-600}

PIDS=""
cleanup() {
  for f in "$OUT/node1.pid" "$OUT/node2.pid" "$OUT/nginx/nginx.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  for pid in $PIDS; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

base="http://127.0.0.1:$PORT"
wait_for() { # URL: until it answers (up to 30 s)
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null -m 5 "$1" && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

uv run manage.py benchmark_pages --list 2>/dev/null >"$OUT/pages.tsv"
page() { awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$OUT/pages.tsv"; }
PATHS="$(page home) $(page list) $(page review)"

for n in 1 2; do
  port=$([ "$n" = 1 ] && echo "$NODE1" || echo "$NODE2")
  uv run gunicorn scrutiny.wsgi -w 2 -k sync -b "127.0.0.1:$port" -p "$OUT/node$n.pid" \
    --timeout 300 --graceful-timeout 60 --access-logfile /dev/null \
    --no-control-socket --error-logfile "$OUT/node$n.log" 2>>"$OUT/node$n.log" &
  PIDS="$PIDS $!"
done
# (No control socket: by default every gunicorn on a machine shares one path for it.)

cat >"$OUT/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
  log_format upstreams '\$status \$request_time "\$upstream_addr" "\$upstream_status" \$request_uri';
  access_log $OUT/nginx/access.log upstreams;
  client_body_temp_path $OUT/nginx/client_body;
  proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fastcgi;
  uwsgi_temp_path $OUT/nginx/uwsgi;
  scgi_temp_path $OUT/nginx/scgi;
  upstream scrutiny {
    # One failure takes a node out for 10 s; then one request tries it again.
    server 127.0.0.1:$NODE1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$NODE2 max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://scrutiny;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A refused or reset connection, or a node's 502/503, is retried on the other node
      # (for GET and HEAD only: nginx never resends a POST that may have been acted on).
      proxy_next_upstream $NEXT_UPSTREAM;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      # The slowest pages take seconds under load: a slow answer is not a dead node.
      proxy_read_timeout 300s;
    }
  }
}
EOF
"$NGINX" -e "$OUT/nginx/error.log" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" &
PIDS="$PIDS $!"

wait_for "http://127.0.0.1:$NODE1/health/"
wait_for "http://127.0.0.1:$NODE2/health/"
wait_for "$base/health/"

# Sign in through the form, through nginx: the form's GET and its POST may reach different
# nodes, so the CSRF cookie and token must hold on either.
JAR="$OUT/cookies.txt"
curl -s -c "$JAR" -b "$JAR" -o "$OUT/login.html" "$base/accounts/login/"
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$OUT/login.html" \
  | head -n 1)
status=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=democratic" \
  --data-urlencode "password=generated-world" "$base/accounts/login/")
SESSION=$(awk '$6 == "sessionid" { print $7 }' "$JAR")
if [ "$status" != 302 ] || [ -z "$SESSION" ]; then
  echo "sign-in failed (status $status, session cookie '${SESSION}')" >&2
  exit 1
fi
signed_in() { # URL: the page, read with the session cookie, shows the sign-out button
  curl -s -m 120 -b "$JAR" "$1" | grep -q "Sign out"
}
signed_in "$base$(page review)" || { echo "signed in, but the page shows no Sign out" >&2; exit 1; }
echo "Signed in as democratic through $base (session ${SESSION%"${SESSION#????}"}...)."

# Warm each node up (a first request loads the URL conf and templates).
for path in $PATHS; do
  for port in "$NODE1" "$NODE2"; do
    curl -s -o /dev/null -m 120 -b "$JAR" "http://127.0.0.1:$port$path" || true
  done
done

echo "wrk: $CLIENTS clients for ${DURATION}s over$(printf ' %s' $PATHS), through nginx;"
echo "node 1 (127.0.0.1:$NODE1) stopped ($STOP) after $((DURATION / 2))s."
threads=$([ "$CLIENTS" -gt 1 ] && echo 2 || echo 1)
# shellcheck disable=SC2086 # the paths are separate arguments
wrk -t "$threads" -c "$CLIENTS" -d "${DURATION}s" --timeout "$TIMEOUT" \
  -s tests/load/two_nodes.lua -H "Cookie: sessionid=$SESSION" "$base/" -- $PATHS \
  >"$OUT/wrk.txt" &
WRK=$!
PIDS="$PIDS $WRK"
sleep $((DURATION / 2))
master=$(cat "$OUT/node1.pid")
workers=$(ps -o pid= --ppid "$master" | tr -s ' \n' ' ')
if [ "$STOP" = kill ]; then
  # shellcheck disable=SC2086
  kill -KILL "$master" $workers
else
  kill -TERM "$master"
fi
stopped_at=$(date +%s)
# The node is gone once its port refuses (a TERM lets it finish the requests it held).
node1_gone=no
for _ in $(seq 1 120); do
  if ! curl -s -o /dev/null -m 2 "http://127.0.0.1:$NODE1/health/"; then
    node1_gone=yes
    break
  fi
  sleep 0.5
done
gone_after=$(($(date +%s) - stopped_at))
wait "$WRK" || true

result=$(grep '^RESULT' "$OUT/wrk.txt" | cut -f 2-) || true
if [ -z "$result" ]; then
  echo "wrk gave no result:" >&2
  cat "$OUT/wrk.txt" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the fields, one argument each
set -- $result
requests=$1 failed=$2 signed=$3 html=$4
echo
echo "Statuses (wrk):"
grep '^STATUS' "$OUT/wrk.txt" | sort | awk -F '\t' '{ printf "  %s  %d\n", $2, $3 }'
echo "total requests: $requests"
echo "failed requests: $failed (socket errors: connect $5, read $6, write $7, timeout $8;"
echo "  and responses not 2xx/3xx)"
echo "pages read signed in: $signed of $html (200s showing Sign out)"
# What nginx did: which node answered, and how many requests it retried on the other.
nodes=$(awk -v n1="127.0.0.1:$NODE1" -v n2="127.0.0.1:$NODE2" '
  index($0, "/health/") == 0 {
    if (index($3, ",")) retried++
    else if (index($3, n1)) one++
    else if (index($3, n2)) two++
  }
  END { printf "%d %d %d\n", one, two, retried }' "$OUT/nginx/access.log")
node1_answered=${nodes%% *}
echo "nginx: node 1 answered ${node1_answered}, node 2 $(echo "$nodes" | cut -d ' ' -f 2)," \
  "retried on the other node $(echo "$nodes" | cut -d ' ' -f 3)"
echo "node 1 stopped: $node1_gone (its port refused ${gone_after}s after the signal)"

# After the node died: the same cookie, through nginx and straight at the node left.
survived=no
if signed_in "$base/" && signed_in "http://127.0.0.1:$NODE2$(page list)"; then
  survived=yes
fi
echo "sessions survived: $survived"
echo "Logs in $OUT"

# A pass needs both nodes to have served (else nothing was balanced) and node 1 gone.
[ "$failed" -eq 0 ] && [ "$signed" -eq "$html" ] && [ "$survived" = yes ] \
  && [ "$node1_gone" = yes ] && [ "$requests" -gt 0 ] && [ "$node1_answered" -gt 0 ]
