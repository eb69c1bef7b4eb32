# pgaf.sh - shell functions that build a pg_auto_failover formation (a monitor, a primary
# and a synchronous secondary) for the portal, each node with its own PGDATA and TCP port
# under one directory, run as "postgres". Sourced after deploy/services.sh by
# tests/ops/test_failover.sh, which is the recipe proven on one machine; on real hosts run
# the same commands, one node per host (deploy/ha/README.md).
#
# Layout under DIR: DIR/NAME/pgdata (PostgreSQL), DIR/pgsock (every node's unix socket,
# told apart by port, so services.sh's pg_psql, db_setup and db_migrate work on a node
# with PGPORT=its port),
# DIR/xdg (pg_autoctl's configuration and state, normally ~postgres/.config and .local),
# DIR/log/pgaf-NAME.log (the keeper's log), DIR/run/pgaf-NAME.pid.

PGAF_PGCTL=${PGAF_PGCTL:-$PGBIN/pg_ctl}

# pgaf DIR ARGS...: pg_autoctl as postgres with its state under DIR/xdg
pgaf() {
    d=$1
    shift
    as_pg env XDG_CONFIG_HOME="$d/xdg/config" XDG_DATA_HOME="$d/xdg/data" \
        XDG_RUNTIME_DIR="$d/xdg/run" PGHOST=127.0.0.1 pg_autoctl "$@"
}

# pgaf_initdb DIR NAME PORT: a PGDATA with small memory settings (pg_autoctl otherwise
# sizes shared_buffers for a machine of its own) and its unix socket in DIR/pgsock.
# postgresql.auto.conf is read last, so these win over pg_autoctl's generated file; a
# secondary's pg_basebackup copies it.
pgaf_initdb() {
    mkdir -p "$1/$2/pgdata" "$1/pgsock" "$1/xdg" "$1/log" "$1/run"
    chmod 755 "$1/$2"
    # pg_autoctl keeps a backup directory beside PGDATA: the node's directory is postgres'
    if [ "$(id -u)" = 0 ]; then chown postgres "$1/$2" "$1/$2/pgdata" "$1/pgsock" "$1/xdg" "$1/log"; fi
    chmod 700 "$1/$2/pgdata"
    as_pg "$PGBIN/initdb" -D "$1/$2/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$1/log/initdb-$2.log" 2>&1 || { cat "$1/log/initdb-$2.log" >&2; return 1; }
    as_pg sh -c "cat >>'$1/$2/pgdata/postgresql.auto.conf'" <<CONF
shared_buffers = '64MB'
effective_cache_size = '256MB'
maintenance_work_mem = '32MB'
work_mem = '4MB'
max_connections = 60
unix_socket_directories = '$1/pgsock'
unix_socket_permissions = 0770
CONF
}

# pgaf_monitor_create DIR PORT: the monitor node "monitor" (PostgreSQL with the
# pgautofailover extension), listening on 127.0.0.1:PORT only.
pgaf_monitor_create() {
    pgaf_initdb "$1" monitor "$2" || return 1
    pgaf "$1" create monitor --pgdata "$1/monitor/pgdata" --pgport "$2" --pgctl "$PGAF_PGCTL" \
        --hostname 127.0.0.1 --listen 127.0.0.1 --auth trust --no-ssl \
        >"$1/log/pgaf-monitor-create.log" 2>&1 || {
        tail -20 "$1/log/pgaf-monitor-create.log" >&2
        return 1
    }
}

# pgaf_monitor_uri PORT: how the nodes reach the monitor
pgaf_monitor_uri() { echo "postgres://autoctl_node@127.0.0.1:$1/pg_auto_failover?sslmode=disable"; }

# pgaf_node_create DIR NAME PORT MONITOR_PORT: a data node registered with the monitor:
# the first one becomes the primary, the next one its secondary (pg_basebackup from the
# primary). --replication-quorum true (the default, written out) makes the secondary a
# synchronous standby: the primary's commits wait for it while it is healthy.
pgaf_node_create() {
    mkdir -p "$1/$2"
    # only the first node initialises its own PGDATA; a secondary's is a copy
    if [ "$(pgaf_node_count "$1" "$4")" = 0 ]; then pgaf_initdb "$1" "$2" "$3" || return 1; else
        chmod 755 "$1/$2"
        if [ "$(id -u)" = 0 ]; then chown postgres "$1/$2"; fi
    fi
    pgaf "$1" create postgres --pgdata "$1/$2/pgdata" --pgport "$3" --pgctl "$PGAF_PGCTL" \
        --name "$2" --hostname 127.0.0.1 --listen 127.0.0.1 --auth trust --no-ssl \
        --replication-quorum true --candidate-priority 50 \
        --monitor "$(pgaf_monitor_uri "$4")" >"$1/log/pgaf-$2-create.log" 2>&1 || {
        tail -20 "$1/log/pgaf-$2-create.log" >&2
        return 1
    }
}

# pgaf_node_count DIR MONITOR_PORT: data nodes the monitor knows (nothing when it is down)
pgaf_node_count() {
    psql -X -At -h 127.0.0.1 -p "$2" -U autoctl_node -d pg_auto_failover \
        -c "SELECT count(*) FROM pgautofailover.node" 2>/dev/null
}

# pgaf_monitor_wait DIR MONITOR_PORT: until the monitor answers, at most 30 s
pgaf_monitor_wait() {
    for _ in $(seq 150); do
        [ -n "$(pgaf_node_count "$1" "$2")" ] && return 0
        sleep 0.2
    done
    echo "the monitor on port $2 does not answer" >&2
    return 1
}

# pgaf_run DIR NAME: the node's pg_autoctl service (which starts and watches PostgreSQL)
# in the background; its pid in DIR/run/pgaf-NAME.pid.
pgaf_run() {
    touch "$1/log/pgaf-$2.log"
    if [ "$(id -u)" = 0 ]; then chown postgres "$1/log/pgaf-$2.log"; fi
    nohup runuser -u postgres -- env XDG_CONFIG_HOME="$1/xdg/config" \
        XDG_DATA_HOME="$1/xdg/data" XDG_RUNTIME_DIR="$1/xdg/run" PGHOST=127.0.0.1 \
        pg_autoctl run --pgdata "$1/$2/pgdata" >>"$1/log/pgaf-$2.log" 2>&1 </dev/null &
    echo $! >"$1/run/pgaf-$2.pid"
}

# pgaf_tree PID: PID and all its descendants
pgaf_tree() {
    echo "$1"
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do pgaf_tree "$c"; done
}

# pgaf_kill DIR NAME: SIGKILL the node's pg_autoctl and its PostgreSQL at once, as if the
# host died. Only processes this directory's node started.
pgaf_kill() {
    pids=""
    [ -f "$1/run/pgaf-$2.pid" ] && pids=$(pgaf_tree "$(cat "$1/run/pgaf-$2.pid")")
    pm=$(head -1 "$1/$2/pgdata/postmaster.pid" 2>/dev/null)
    [ -n "$pm" ] && pids="$pids $(pgaf_tree "$pm")"
    # shellcheck disable=SC2086 # one pid a word
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
    rm -f "$1/run/pgaf-$2.pid"
    return 0
}

# pgaf_stop DIR NAME: stops the node's pg_autoctl service (and with it PostgreSQL)
pgaf_stop() {
    f="$1/run/pgaf-$2.pid"
    if [ -f "$f" ]; then
        pgaf "$1" stop --pgdata "$1/$2/pgdata" >/dev/null 2>&1
        pid=$(cat "$f")
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && pgaf_kill "$1" "$2"
        rm -f "$f"
    fi
    # a PostgreSQL left without its keeper
    if [ -f "$1/$2/pgdata/postmaster.pid" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$1/$2/pgdata" -m immediate -w stop >/dev/null 2>&1
    fi
    return 0
}

# pgaf_state DIR MONITOR_PORT: "name:state" of every data node, as the monitor assigned them
pgaf_state() {
    psql -X -At -h 127.0.0.1 -p "$2" -U autoctl_node -d pg_auto_failover -F: \
        -c "SELECT nodename, reportedstate FROM pgautofailover.node ORDER BY nodeid" \
        2>/dev/null | tr '\n' ' '
}

# pgaf_wait_state DIR MONITOR_PORT PATTERN SECONDS: until pgaf_state matches the shell
# PATTERN (e.g. "*node1:primary*node2:secondary*")
pgaf_wait_state() {
    n=$(($4 * 5))
    while [ "$n" -gt 0 ]; do
        # shellcheck disable=SC2254 # the pattern is the caller's
        case "$(pgaf_state "$1" "$2")" in $3) return 0 ;; esac
        sleep 0.2
        n=$((n - 1))
    done
    echo "formation not in state $3 after $4 s: $(pgaf_state "$1" "$2")" >&2
    return 1
}

# pgaf_fast_failover MONITOR_PORT: the monitor's health checks at 1 s instead of 5 s and a
# silent node unhealthy after 3 s instead of 20 s, so a test fails over in seconds. On a
# real network keep the defaults: they stop a slow link from looking like a dead primary.
pgaf_fast_failover() {
    psql -X -q -o /dev/null -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d pg_auto_failover <<'SQL'
ALTER SYSTEM SET pgautofailover.health_check_period = 1000;
ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000;
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 3000;
SELECT pg_reload_conf();
SQL
}

# pgaf_portal_roles DIR PORT: on the primary, after db_setup: the portal's commits return
# only once the synchronous secondary has applied them (remote_apply), so a report the
# user saw acknowledged survives the primary's loss, and a read on the secondary right
# after sees it. A role setting, not the cluster's: the forwarder keeps its own
# (synchronous_commit = off, cgi/forwarder.c), as do the monitor's keepers. It is stored
# in the database, so it moves with every failover.
pgaf_portal_roles() {
    PGPORT=$2 pg_psql "$1" postgres portal \
        -c "ALTER ROLE portal_app SET synchronous_commit = remote_apply" \
        -c "ALTER ROLE portal_owner SET synchronous_commit = remote_apply"
}

# pgaf_conninfo USER PORT...: a libpq multi-host connection string for USER on every
# node; libpq tries them in turn and keeps the one that takes writes. connect_timeout
# bounds the wait for a host that is down rather than refusing.
pgaf_conninfo() {
    u=$1
    shift
    hosts="" ports=""
    for p in "$@"; do
        hosts="$hosts${hosts:+,}127.0.0.1"
        ports="$ports${ports:+,}$p"
    done
    echo "host=$hosts port=$ports dbname=portal user=$u target_session_attrs=read-write connect_timeout=2"
}
