#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away PostgreSQL cluster for the tests: initdb into a fresh folder,
# listening only on a Unix socket in that folder (no TCP port, no system
# service, no root-owned paths), trust authentication for the cluster's own
# superuser `cxmap`, reachable only by the folder's owner (and root). Durability is switched off: it holds test data only.
#   scripts/pg_cluster.sh start DIR   prints the store URL on stdout (as root,
#                                     DIR's parents must let the postgres user in:
#                                     a folder of its own under /tmp)
#   scripts/pg_cluster.sh stop DIR    stops the server and removes DIR
# initdb refuses to run as root; as root the cluster runs as the `postgres`
# user Debian's package creates (through runuser). Exit 4: no PostgreSQL
# server binaries installed (the tests then skip).
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg_cluster: no PostgreSQL server (pg_ctl) installed" >&2
  exit 4
fi
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "pg_cluster: running as root needs the postgres user" >&2; exit 4; }
  as_owner=(runuser -u postgres --)
fi

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ ${#as_owner[@]} -eq 0 ] || chown postgres "$dir"
    chmod 700 "$dir"
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U cxmap --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 3; }
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c unix_socket_permissions=0700 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null ||
      {
        cat "$dir/server.log" >&2
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
        exit 3
      }
    # Trust authentication is safe only because nobody but the cluster's
    # owner (and root) can reach the socket: folder and socket stay 0700.
    echo "postgresql:///postgres?host=$dir&user=cxmap"
    ;;
  stop)
    [ -d "$dir/data" ] && "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
