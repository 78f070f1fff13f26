#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and benchmarks, from Debian's `postgresql` package:
# its own data directory, listening on loopback only, on a free port, trusted locally.
#   source tests/postgres.sh; postgres_start; ...; postgres_stop
# postgres_start sets POSTGRES_CONNECTION (an Npgsql connection string to the cluster as its owner).
# With POSTGRES_KEEP=DIR the cluster lives in DIR and survives postgres_stop (the benchmark reuses
# its generated data); otherwise it is a temporary directory, removed on stop.

postgres_bin() {
    local initdb
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$initdb" ] && dirname "$initdb"
}

postgres_install() {
    if [ -z "$(postgres_bin)" ]; then
        echo "Installing postgresql with apt-get"
        local sudo_cmd=()
        [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >/dev/null
    fi
}

# The server refuses to run as root: as root, the cluster belongs to the `postgres` user the package creates.
postgres_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_start() {
    postgres_install
    local bin
    bin="$(postgres_bin)"
    if [ -n "${POSTGRES_KEEP:-}" ]; then
        POSTGRES_DIR="$POSTGRES_KEEP"
        POSTGRES_REMOVE_ON_STOP=""
        mkdir -p "$POSTGRES_DIR"
    else
        POSTGRES_DIR="$(mktemp -d /tmp/okrrollout-postgres.XXXXXX)"
        POSTGRES_REMOVE_ON_STOP=1
    fi
    [ "$(id -u)" -ne 0 ] || chown postgres: "$POSTGRES_DIR"
    POSTGRES_PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    local owner
    owner="$(postgres_as_owner id -un)"
    [ -f "$POSTGRES_DIR/data/PG_VERSION" ] ||
        postgres_as_owner "$bin/initdb" -D "$POSTGRES_DIR/data" -U "$owner" -A trust -E UTF8 --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log"
    postgres_as_owner "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $POSTGRES_DIR -c max_connections=300 -c fsync=${POSTGRES_FSYNC:-on} -c shared_buffers=${POSTGRES_SHARED_BUFFERS:-128MB} ${POSTGRES_OPTIONS:-}" start >/dev/null
    POSTGRES_CONNECTION="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=$owner;Database=postgres"
    export POSTGRES_DIR POSTGRES_PORT POSTGRES_CONNECTION POSTGRES_REMOVE_ON_STOP
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$POSTGRES_PORT ($POSTGRES_DIR)"
}

postgres_stop() {
    [ -n "${POSTGRES_DIR:-}" ] || return 0
    postgres_as_owner "$(postgres_bin)/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w stop >/dev/null || true
    # Decided at start: POSTGRES_KEEP may have been set for the start call only.
    [ -z "${POSTGRES_REMOVE_ON_STOP:-}" ] || rm -rf "$POSTGRES_DIR"
    POSTGRES_DIR=""
}
