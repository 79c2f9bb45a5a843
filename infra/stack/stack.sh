# The local stack: real PostgreSQL, Kafka (KRaft), Elasticsearch, s3proxy, the three services and
# the nginx entry point, started on a bare Debian machine without Docker. Sourced by ./jobstream.
#
# Every component is started only when it is not running, and recorded in a PID file under
# $STATE/run, so `up` is idempotent (it restores what crashed) and `down` stops exactly what it
# started. Data and logs live under $STATE (.jobstream/ by default, git-ignored).

STATE=${JOBSTREAM_STATE:-$ROOT/.jobstream}
RUN=$STATE/run
LOGS=$STATE/logs
DATA=$STATE/data
# Downloaded servers are shared by every state directory of this checkout.
TOOLS=$ROOT/.jobstream/tools
KEYS=$STATE/keys
mkdir -p "$RUN" "$LOGS" "$DATA" "$TOOLS" "$KEYS"
[ -f "$STATE/config.env" ] && . "$STATE/config.env"
. "$ROOT/infra/stack/defaults.env"

SERVICES="command-service projections query-service"
STARTED_FILE=${JOBSTREAM_STARTED_FILE:-}

# The topology, fixed when the state directory's servers are first created: one server of each
# kind (the default), or replicated (./jobstream up --replicated): three Kafka brokers (the job
# events at replication factor 3, min.insync.replicas 2), three Elasticsearch nodes (one replica
# of each shard) and two instances of each service. PostgreSQL stays one server.
topology() { cat "$STATE/topology" 2>/dev/null || echo single; }
replicated() { [ "$(topology)" = replicated ]; }
kafka_nodes() { if replicated; then echo 3; else echo 1; fi; }
es_nodes() { if replicated; then echo 3; else echo 1; fi; }

# use_topology TOPOLOGY: records the topology; refuses to change the one of existing servers.
use_topology() {
  local wanted=$1 now; now=$(topology)
  if [ "$wanted" != "$now" ] && [ -f "$DATA/kafka/meta.properties" ]; then
    fail "this stack ($STATE) was created with the $now topology; its Kafka and Elasticsearch data cannot
  change topology. Use a state directory of its own, for example:
    JOBSTREAM_STATE=$ROOT/.jobstream/replicated ./jobstream up --replicated
  (every ./jobstream command then takes the same JOBSTREAM_STATE), or ./jobstream down and remove $STATE."
  fi
  echo "$wanted" >"$STATE/topology"
}

# node_name BASE N: the first node of a kind is named after it, the others BASE-2, BASE-3
node_name() { if [ "$2" = 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
# Node N of a kind listens on the first node's ports + 10 * (N - 1).
kafka_port() { echo $(( JOBSTREAM_KAFKA_PORT + 10 * ($1 - 1) )); }
kafka_controller_port() { echo $(( JOBSTREAM_KAFKA_CONTROLLER_PORT + 10 * ($1 - 1) )); }
es_port() { echo $(( JOBSTREAM_ES_PORT + 10 * ($1 - 1) )); }
es_transport_port() { echo $(( JOBSTREAM_ES_TRANSPORT_PORT + 10 * ($1 - 1) )); }

# kafka_bootstrap, es_uris: every node, as the services are given them
kafka_bootstrap() {
  local n list=""
  for n in $(seq 1 "$(kafka_nodes)"); do list="$list${list:+,}127.0.0.1:$(kafka_port "$n")"; done
  echo "$list"
}
es_uris() {
  local n list=""
  for n in $(seq 1 "$(es_nodes)"); do list="$list${list:+,}http://127.0.0.1:$(es_port "$n")"; done
  echo "$list"
}

# port_free NAME PORT: fails when something else (another stack?) already listens on the port that
# NAME is about to use: the stack would otherwise talk to that one and take it for its own.
port_free() {
  if port_open "$2"; then
    fail "$1 cannot start: port $2 is in use by another process (another stack? ./jobstream down there, or move this one's ports in $STATE/config.env)"
  fi
}

say()  { printf '\033[1m[jobstream]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[jobstream] %s\033[0m\n' "$*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }
# fail_with_log NAME MESSAGE: fails, with the last lines of NAME's log, so that a start that fails
# in CI (where the logs go with the machine) says why.
fail_with_log() {
  local log="$LOGS/$1.log"
  if [ -f "$log" ]; then
    printf '[jobstream] the last lines of %s:\n' "$log" >&2
    tail -n 40 "$log" | cut -c1-400 >&2
  fi
  fail "$2: see $log"
}
record_started() { [ -n "$STARTED_FILE" ] && echo "$1" >>"$STARTED_FILE"; return 0; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every half second, printing progress.
wait_for() {
  local what=$1 limit=$2; shift 2
  local start; start=$(date +%s)
  until "$@"; do
    if (( $(date +%s) - start >= limit )); then
      return 1
    fi
    sleep 0.5
  done
  say "  $what ready in $(elapsed "$start")"
}

any_alive() { # any_alive PID...: one of the processes is alive
  local pid
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}

wait_gone() { # wait_gone SECONDS COMMAND...: wait until COMMAND fails (what it finds is gone)
  local limit=$1 start; shift
  start=$(date +%s)
  while "$@" >/dev/null 2>&1; do
    (( $(date +%s) - start >= limit )) && return 1
    sleep 0.2
  done
}

pid_alive() { # pid_alive NAME: the recorded process is alive
  local f="$RUN/$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# running NAME CHECK...: the recorded process is alive and answers CHECK. One that is alive but
# does not answer is starting or shutting down: wait up to a minute ($PATIENCE seconds) for it to
# answer or to exit; one that does neither is stopped (unless $KEEP_SLOW is set: then it is left running,
# taken for running). Returns 1 when the component is not (or no longer) running.
running() {
  local name=$1 start limit=${PATIENCE:-60}; shift
  pid_alive "$name" || return 1
  "$@" && return 0
  say "$name: its process is alive but does not answer; waiting for it to come up or to exit"
  start=$(date +%s)
  while pid_alive "$name"; do
    if "$@"; then say "  $name answers"; return 0; fi
    if (( $(date +%s) - start >= limit )); then
      if [ -n "${KEEP_SLOW:-}" ]; then
        say "  $name has not answered in ${limit}s: leaving it running (a member of a cluster, busy with its peers)"
        return 0
      fi
      say "  $name neither answered nor exited in ${limit}s: stopping it"
      stop_pid "$name"
      return 1
    fi
    sleep 0.5
  done
  say "  $name has exited"
  return 1
}

stop_pid() { # stop_pid NAME: SIGTERM, wait, then SIGKILL
  local f="$RUN/$1.pid" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      say "  $1 did not stop in 30s: killing it"
      kill -KILL "$pid" 2>/dev/null
      # Elasticsearch runs its server as a child of the launcher.
      pkill -KILL -P "$pid" 2>/dev/null
    fi
  fi
  rm -f "$f"
}

java_home() { dirname "$(dirname "$(readlink -f "$(command -v java)")")"; }

apt_install() { # apt_install PACKAGE...: installs Debian packages that are missing
  say "installing $* from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >"$LOGS/apt.log" 2>&1 \
    || { apt-get update -q >>"$LOGS/apt.log" 2>&1 && apt-get install -y -q "$@" >>"$LOGS/apt.log" 2>&1; } \
    || fail "apt-get install $* failed: see $LOGS/apt.log"
}

mvn_quiet() { mvn -B -q -Dstyle.color=never "$@" || fail "mvn $* failed"; }

# ---------------------------------------------------------------------------------------- keys
keys_up() {
  if [ ! -f "$KEYS/jwt-private.pem" ]; then
    say "generating the token signing key pair in $KEYS"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/jwt-private.pem" 2>/dev/null
    openssl pkey -in "$KEYS/jwt-private.pem" -pubout -out "$KEYS/jwt-public.pem"
    chmod 600 "$KEYS/jwt-private.pem"
  fi
}

# ---------------------------------------------------------------------------------- PostgreSQL
pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    apt_install postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$d"
}

as_postgres() { su postgres -s /bin/bash -c "$*"; }

pg_base() { echo "${JOBSTREAM_PG_BASE:-$(private_base postgres postgresql)}"; }

pg_running() {
  [ -n "$JOBSTREAM_PG_URL" ] && return 0
  local base; base=$(pg_base)
  [ -f "$base/data/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl -D '$base/data' status" >/dev/null 2>&1
}

pg_up() {
  if [ -n "$JOBSTREAM_PG_URL" ]; then
    say "PostgreSQL: using $JOBSTREAM_PG_URL"
    return
  fi
  if pg_running; then say "PostgreSQL is running (port $JOBSTREAM_PG_PORT)"; return; fi
  local bin start base; bin=$(pg_bin); start=$(date +%s); base=$(pg_base)
  mkdir -p "$base/data" "$base/run"
  touch "$base/postgresql.log"
  chown -R postgres:postgres "$base"
  chmod 700 "$base/data"
  ln -sf "$base/postgresql.log" "$LOGS/postgresql.log"
  if [ ! -f "$base/data/PG_VERSION" ]; then
    say "PostgreSQL: creating a private cluster in $base/data"
    as_postgres "$bin/initdb -D '$base/data' -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256" \
      >"$LOGS/pg-initdb.log" 2>&1 || fail "initdb failed: see $LOGS/pg-initdb.log"
  fi
  say "PostgreSQL: starting on port $JOBSTREAM_PG_PORT"
  as_postgres "$bin/pg_ctl -D '$base/data' -l '$base/postgresql.log' -w -t 60 \
    -o \"-p $JOBSTREAM_PG_PORT -k '$base/run' -c listen_addresses=127.0.0.1 -c max_connections=200\" start" \
    >/dev/null || fail "PostgreSQL did not start: see $base/postgresql.log"
  local psql="$bin/psql -v ON_ERROR_STOP=1 -q -h '$base/run' -p $JOBSTREAM_PG_PORT -U postgres"
  if ! as_postgres "$psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$JOBSTREAM_PG_USER'\"" | grep -q 1; then
    as_postgres "$psql -c \"CREATE ROLE $JOBSTREAM_PG_USER LOGIN PASSWORD '$JOBSTREAM_PG_PASSWORD'\"" \
      && as_postgres "$psql -c 'CREATE DATABASE jobstream OWNER $JOBSTREAM_PG_USER'" \
      || fail "cannot create the jobstream database"
  fi
  record_started postgresql
  say "  PostgreSQL ready in $(elapsed "$start")"
}

pg_down() {
  [ -n "$JOBSTREAM_PG_URL" ] && return
  if pg_running; then
    say "stopping PostgreSQL"
    as_postgres "$(pg_bin)/pg_ctl -D '$(pg_base)/data' -m fast -w stop" >/dev/null
  fi
}

pg_jdbc_url() {
  echo "${JOBSTREAM_PG_URL:-jdbc:postgresql://127.0.0.1:$JOBSTREAM_PG_PORT/jobstream}"
}

# ---------------------------------------------------------------------------------------- Kafka
kafka_classpath() {
  if [ ! -s "$TOOLS/kafka.classpath" ]; then
    say "Kafka: resolving the broker's jars from Maven Central"
    # Maven's own output (a first resolution may print warnings) goes to the log, never into the
    # classpath this function prints.
    mvn -B -q -Dstyle.color=never -f "$ROOT/infra/stack/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$TOOLS/kafka.classpath" >"$LOGS/kafka-classpath.log" 2>&1 \
      || { rm -f "$TOOLS/kafka.classpath"; fail "Kafka's jars could not be resolved: see $LOGS/kafka-classpath.log"; }
  fi
  cat "$TOOLS/kafka.classpath"
}

# kafka_up: every broker of the topology (each also a KRaft controller). All are started before
# any is waited for: a broker opens its port once a majority of the controllers has elected a leader.
kafka_up() {
  local n name started="" cp rf isr voters="" cluster
  for n in $(seq 1 "$(kafka_nodes)"); do
    voters="$voters${voters:+,}$n@127.0.0.1:$(kafka_controller_port "$n")"
  done
  if replicated; then rf=3 isr=2; else rf=1 isr=1; fi
  # Replicated: a broker that stops heartbeating is fenced after 4 s, not Kafka's default 9 s. The
  # controller then moves its partitions' leadership and drops it from their in-sync replicas, and
  # until then writes to those partitions wait (acks=all): that wait is most of the write gap when
  # a broker is killed (docs/operations.md). One broker alone keeps the defaults (nothing takes over).
  local fencing=""
  if replicated; then fencing=$'broker.session.timeout.ms=4000\nbroker.heartbeat.interval.ms=1000'; fi
  for n in $(seq 1 "$(kafka_nodes)"); do
    name=$(node_name kafka "$n")
    if running "$name" port_open "$(kafka_port "$n")"; then say "$name is running (port $(kafka_port "$n"))"; continue; fi
    port_free "$name" "$(kafka_port "$n")"
    port_free "$name" "$(kafka_controller_port "$n")"
    cp=$(kafka_classpath)
    mkdir -p "$DATA/$name"
    cat >"$RUN/$name.properties" <<EOF
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$(kafka_port "$n"),CONTROLLER://127.0.0.1:$(kafka_controller_port "$n")
advertised.listeners=PLAINTEXT://127.0.0.1:$(kafka_port "$n")
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA/$name
num.partitions=6
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
$fencing
EOF
    if [ ! -f "$DATA/$name/meta.properties" ]; then
      if [ ! -s "$DATA/kafka-cluster-id" ]; then
        java -cp "$cp" kafka.tools.StorageTool random-uuid >"$DATA/kafka-cluster-id" 2>"$LOGS/kafka-cluster-id.log" \
          || { rm -f "$DATA/kafka-cluster-id"; fail "Kafka could not make a cluster id: see $LOGS/kafka-cluster-id.log"; }
      fi
      cluster=$(cat "$DATA/kafka-cluster-id")
      say "$name: formatting the KRaft storage (cluster $cluster)"
      java -cp "$cp" kafka.tools.StorageTool format -t "$cluster" -c "$RUN/$name.properties" >"$LOGS/$name-format.log" 2>&1 \
        || fail "Kafka storage format failed: see $LOGS/$name-format.log"
    fi
    say "$name: starting the broker on port $(kafka_port "$n")"
    nohup java -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djobstream.component="$name" \
      -cp "$cp" kafka.Kafka "$RUN/$name.properties" >"$LOGS/$name.log" 2>&1 &
    echo $! >"$RUN/$name.pid"
    record_started "$name"
    started="$started $n"
  done
  for n in $started; do
    name=$(node_name kafka "$n")
    wait_for "$name" "$JOBSTREAM_START_WAIT" port_open "$(kafka_port "$n")" \
      || fail_with_log "$name" "$name did not open its port in ${JOBSTREAM_START_WAIT}s"
  done
}

# -------------------------------------------------------------------------------- Elasticsearch
# private_base USER NAME: a directory for a server that runs as USER (PostgreSQL and Elasticsearch
# refuse to run as root). Under $STATE when USER can reach it; when the project lives where it
# cannot (a home directory, say), under /var/lib instead.
private_base() {
  local user=$1 name=$2
  if setpriv --reuid="$user" --regid="$user" --clear-groups test -x "$STATE" 2>/dev/null; then
    echo "$STATE/$name"
  else
    echo "/var/lib/jobstream/$(echo "$STATE" | md5sum | cut -c1-8)/$name"
  fi
}

es_base() { echo "${JOBSTREAM_ES_BASE:-$(private_base "$JOBSTREAM_ES_USER" elasticsearch)}"; }

# es_health [N]: the cluster, asked through node N (1 by default), has every primary shard
es_health() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$(es_port "${1:-1}")/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null
}

# es_answers N: node N answers HTTP, from its own view of the cluster (no master needed). Not
# "GET /": the distribution the stack runs has no handler there (it answers 405).
es_answers() { curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$(es_port "$1")/_cluster/health?local=true" 2>/dev/null; }

# es_up: every node of the topology. A replicated cluster's nodes find each other on their transport
# ports and elect a master once a majority of them is up, so all are started before any is waited for.
es_up() {
  local n name started="" base home seeds="" masters="" discovery suffix
  for n in $(seq 1 "$(es_nodes)"); do
    seeds="$seeds${seeds:+,}127.0.0.1:$(es_transport_port "$n")"
    masters="$masters${masters:+,}$(node_name elasticsearch "$n")"
  done
  for n in $(seq 1 "$(es_nodes)"); do
    name=$(node_name elasticsearch "$n")
    # A node of a cluster that lost a member is busy (electing, recovering copies): it is given
    # longer to answer, and a replicated cluster's live member is never stopped for being slow
    # (stopping the elected master while another node recovers would take two nodes of three away).
    if PATIENCE=180 KEEP_SLOW=$(replicated && echo yes) running "$name" es_answers "$n"; then say "$name is running (port $(es_port "$n"))"; continue; fi
    port_free "$name" "$(es_port "$n")"
    port_free "$name" "$(es_transport_port "$n")"
    id "$JOBSTREAM_ES_USER" >/dev/null 2>&1 || {
      say "Elasticsearch: creating system user $JOBSTREAM_ES_USER (Elasticsearch refuses to run as root)"
      useradd -r -M -s /usr/sbin/nologin "$JOBSTREAM_ES_USER"
    }
    base=$(es_base)
    home="$base/elasticsearch-$ELASTICSEARCH_VERSION"
    if [ ! -x "$home/bin/elasticsearch" ]; then
      say "Elasticsearch: installing $ELASTICSEARCH_VERSION in $base (from Maven Central)"
      mkdir -p "$base"
      [ -f "$TOOLS/elasticsearch-$ELASTICSEARCH_VERSION.zip" ] || mvn_quiet dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTICSEARCH_VERSION:zip" -DoutputDirectory="$TOOLS"
      unzip -q -o "$TOOLS/elasticsearch-$ELASTICSEARCH_VERSION.zip" -d "$base"
    fi
    # The nodes share one installation: its keystore is created once, before any starts (nodes
    # starting together would each try to create it).
    if [ ! -f "$home/config/elasticsearch.keystore" ]; then
      chown -R "$JOBSTREAM_ES_USER:$JOBSTREAM_ES_USER" "$base"
      (cd "$home" && setpriv --reuid="$JOBSTREAM_ES_USER" --regid="$JOBSTREAM_ES_USER" --clear-groups \
        env ES_JAVA_HOME="$(java_home)" ./bin/elasticsearch-keystore create >"$LOGS/elasticsearch-keystore.log" 2>&1) \
        || fail "Elasticsearch's keystore could not be created: see $LOGS/elasticsearch-keystore.log"
    fi
    # The first node keeps the directories of the single-node stack.
    suffix=""; [ "$n" = 1 ] || suffix="-$n"
    mkdir -p "$base/data$suffix" "$base/logs$suffix"
    chown -R "$JOBSTREAM_ES_USER:$JOBSTREAM_ES_USER" "$base"
    if replicated && [ -d "$base/data$suffix/_state" ]; then
      # A node that was in the cluster rejoins it: naming the initial masters again is only for
      # forming a new cluster (Elasticsearch warns of possible data loss otherwise).
      discovery="-E discovery.seed_hosts=$seeds"
    elif replicated; then
      discovery="-E discovery.seed_hosts=$seeds -E cluster.initial_master_nodes=$masters"
    else
      discovery="-E discovery.type=single-node"
    fi
    say "$name: starting on port $(es_port "$n") as user $JOBSTREAM_ES_USER"
    # shellcheck disable=SC2086 # $discovery is several options
    (cd "$home" && exec setpriv --reuid="$JOBSTREAM_ES_USER" --regid="$JOBSTREAM_ES_USER" --clear-groups \
      env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="-Xms$JOBSTREAM_ES_HEAP -Xmx$JOBSTREAM_ES_HEAP" \
      ./bin/elasticsearch $discovery -E node.name="$name" -E network.host=127.0.0.1 \
        -E http.port="$(es_port "$n")" -E transport.port="$(es_transport_port "$n")" \
        -E xpack.security.enabled=false -E cluster.name=jobstream \
        -E cluster.routing.allocation.disk.threshold_enabled=false \
        -E path.data="$base/data$suffix" -E path.logs="$base/logs$suffix" >"$LOGS/$name.log" 2>&1) &
    echo $! >"$RUN/$name.pid"
    record_started "$name"
    started="$started $n"
  done
  for n in $started; do
    name=$(node_name elasticsearch "$n")
    wait_for "$name" "$JOBSTREAM_START_WAIT" es_health "$n" \
      || fail_with_log "$name" "$name did not become healthy in ${JOBSTREAM_START_WAIT}s"
  done
}

# ------------------------------------------------------------------------------------------- S3
s3_up() {
  if running s3proxy port_open "$JOBSTREAM_S3_PORT"; then say "s3proxy is running (port $JOBSTREAM_S3_PORT)"; return; fi
  local start jar; start=$(date +%s)
  jar="$TOOLS/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
  if [ ! -f "$jar" ]; then
    say "s3proxy: fetching $S3PROXY_VERSION from Maven Central"
    mvn_quiet dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$TOOLS"
  fi
  mkdir -p "$DATA/s3/$JOBSTREAM_S3_BUCKET"
  cat >"$RUN/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$JOBSTREAM_S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$JOBSTREAM_S3_ACCESS_KEY
s3proxy.credential=$JOBSTREAM_S3_SECRET_KEY
s3proxy.virtual-host=
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA/s3
jclouds.region=us-east-1
EOF
  say "s3proxy: starting on port $JOBSTREAM_S3_PORT (signature checking on)"
  nohup java -Xmx256m -Djobstream.component=s3proxy -jar "$jar" --properties "$RUN/s3proxy.conf" >"$LOGS/s3proxy.log" 2>&1 &
  echo $! >"$RUN/s3proxy.pid"
  record_started s3proxy
  wait_for "s3proxy" 60 port_open "$JOBSTREAM_S3_PORT" || fail "s3proxy did not open its port: see $LOGS/s3proxy.log"
}

# ------------------------------------------------------------------------------------- services
# Each service runs as many instances as `./jobstream scale N` asked (1 by default): the first is
# named after the service, the others SERVICE-2, SERVICE-3, ... on the base port + 10, + 20, ...
instances() {
  local default=${JOBSTREAM_INSTANCES:-1}
  if replicated; then default=${JOBSTREAM_INSTANCES:-2}; fi
  cat "$RUN/instances" 2>/dev/null || echo "$default"
}

instance_names() { # instance_names SERVICE: the names of its instances
  local i
  echo "$1"
  for i in $(seq 2 "$(instances)"); do echo "$1-$i"; done
}

base_service() { echo "$1" | sed -E 's/-[0-9]+$//'; }

service_port() {
  local base n=1 port
  base=$(base_service "$1")
  [ "$base" != "$1" ] && n=${1##*-}
  case $base in
    command-service) port=$JOBSTREAM_COMMAND_PORT ;;
    query-service) port=$JOBSTREAM_QUERY_PORT ;;
    projections) port=$JOBSTREAM_PROJECTIONS_PORT ;;
  esac
  echo $(( port + 10 * (n - 1) ))
}

# upstream_servers SERVICE: nginx "server" lines of the running instances of a service
upstream_servers() {
  local name
  for name in $(instance_names "$1"); do
    printf '        server 127.0.0.1:%s max_fails=1 fail_timeout=3s;\\n' "$(service_port "$name")"
  done
}

service_healthy() {
  curl -fsS -m 5 "http://127.0.0.1:$(service_port "$1")/actuator/health" 2>/dev/null | grep -q '"status":"UP"'
}

# The version every module's jar carries: the parent pom's own <version>.
project_version() {
  sed -n '/<artifactId>jobstream<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$ROOT/pom.xml"
}

service_jar() {
  local base jar; base=$(base_service "$1")
  jar="$ROOT/$base/target/$base-$(project_version)-exec.jar"
  if [ -f "$jar" ]; then echo "$jar"; fi
}

service_env() {
  cat <<EOF
SPRING_DATASOURCE_URL=$(pg_jdbc_url)
SPRING_DATASOURCE_USERNAME=$JOBSTREAM_PG_USER
SPRING_DATASOURCE_PASSWORD=$JOBSTREAM_PG_PASSWORD
SPRING_KAFKA_BOOTSTRAP_SERVERS=$(kafka_bootstrap)
SPRING_ELASTICSEARCH_URIS=$(es_uris)
JOBSTREAM_KAFKA_REPLICATION_FACTOR=$(if replicated; then echo 3; else echo 1; fi)
JOBSTREAM_KAFKA_MIN_INSYNC_REPLICAS=$(if replicated; then echo 2; else echo 1; fi)
JOBSTREAM_ELASTICSEARCH_REPLICAS=$(if replicated; then echo 1; else echo 0; fi)
JOBSTREAM_AUTH_PUBLIC_KEY_LOCATION=file:$KEYS/jwt-public.pem
JOBSTREAM_S3_ENDPOINT=http://127.0.0.1:$JOBSTREAM_S3_PORT
JOBSTREAM_S3_ACCESS_KEY=$JOBSTREAM_S3_ACCESS_KEY
JOBSTREAM_S3_SECRET_KEY=$JOBSTREAM_S3_SECRET_KEY
JOBSTREAM_S3_BUCKET=$JOBSTREAM_S3_BUCKET
JOBSTREAM_API_DESCRIPTION_INCLUDE=http://127.0.0.1:$JOBSTREAM_COMMAND_PORT/api/openapi-commands.json
AXONIQ_UPDATE_CHECKER_DISABLED=true
EOF
}

service_up() {
  local svc=$1 jar start port
  jar=$(service_jar "$svc")
  [ -n "$jar" ] || fail "$svc is not built: run ./jobstream up (it builds), or mvn package"
  if running "$svc" port_open "$(service_port "$svc")"; then
    if cmp -s "$jar" "$RUN/$svc.jar"; then
      say "$svc is running (port $(service_port "$svc"))"
      return
    fi
    say "$svc: a new build is there; restarting it"
    stop_pid "$svc"
  fi
  start=$(date +%s); port=$(service_port "$svc")
  port_free "$svc" "$port"
  # Run a copy, so that a rebuild does not change the jar under the running service.
  cp "$jar" "$RUN/$svc.jar"
  say "$svc: starting on port $port"
  (
    while IFS='=' read -r name value; do export "$name=$value"; done < <(service_env)
    # A service that runs out of memory exits rather than run on in an undefined state: ./jobstream
    # up (or the orchestrator, in production) starts it again.
    exec nohup java "-Xmx$JOBSTREAM_SERVICE_HEAP" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
      -Daxoniq.update-checker.disabled=true -Djobstream.component="$svc" \
      -jar "$RUN/$svc.jar" --server.port="$port" >"$LOGS/$svc.log" 2>&1
  ) &
  echo $! >"$RUN/$svc.pid"
  record_started "$svc"
  # Waits for it to answer healthy, and no longer once its process has exited.
  until service_healthy "$svc"; do
    pid_alive "$svc" || fail_with_log "$svc" "$svc exited while starting"
    if (( $(date +%s) - start >= JOBSTREAM_START_WAIT )); then
      say "$svc's health: $(curl -sS -m 5 "http://127.0.0.1:$port/actuator/health" 2>&1 | cut -c1-2000)"
      fail_with_log "$svc" "$svc did not become healthy in ${JOBSTREAM_START_WAIT}s"
    fi
    sleep 0.5
  done
  say "  $svc ready in $(elapsed "$start")"
}

# ----------------------------------------------------------------------------- nginx entry point
nginx_up() {
  command -v nginx >/dev/null || apt_install nginx
  mkdir -p "$RUN/nginx/logs" "$RUN/nginx/tmp"
  sed -e "s|@PORT@|$JOBSTREAM_PORT|g" -e "s|^ *@COMMAND_SERVERS@|$(upstream_servers command-service)|" \
      -e "s|^ *@QUERY_SERVERS@|$(upstream_servers query-service)|" -e "s|@RUN@|$RUN/nginx|g" -e "s|@LOGS@|$LOGS|g" -e "s|@PIDFILE@|$RUN/nginx.pid|g" \
      -e "s|@MONITOR@|$ROOT/monitor/dist|g" \
      "$ROOT/infra/stack/nginx.conf.template" >"$RUN/nginx/nginx.conf.new"
  if pid_alive nginx && cmp -s "$RUN/nginx/nginx.conf.new" "$RUN/nginx/nginx.conf"; then
    # Nothing to change: a reload would only close the clients' idle keep-alive connections (a
    # request already on its way over one fails), as it did for each service restarted by up.
    rm -f "$RUN/nginx/nginx.conf.new"
    say "nginx entry point is running (port $JOBSTREAM_PORT)"
    return
  fi
  mv "$RUN/nginx/nginx.conf.new" "$RUN/nginx/nginx.conf"
  if pid_alive nginx; then
    local old_workers
    old_workers=$(pgrep -P "$(cat "$RUN/nginx.pid")" | tr '\n' ' ')
    nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -s reload 2>>"$LOGS/nginx-error.log"
    # The old workers close their idle keep-alive connections as they go: wait until they are gone,
    # so that a client does not send its next request on a connection that is being closed.
    [ -z "$old_workers" ] || wait_gone 30 any_alive $old_workers \
      || say "  old nginx workers are still finishing requests"
    say "nginx entry point is running (port $JOBSTREAM_PORT)"
    return
  fi
  nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -t >>"$LOGS/nginx-error.log" 2>&1 \
    || fail "nginx configuration is invalid: see $LOGS/nginx-error.log"
  say "nginx: starting the entry point on port $JOBSTREAM_PORT"
  nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" >>"$LOGS/nginx-error.log" 2>&1 || fail "nginx did not start"
  wait_for "nginx" 20 test -s "$RUN/nginx.pid" || fail "nginx wrote no PID file"
  record_started nginx
}

# ------------------------------------------------------------------------------- browser tests
# The monitor's end-to-end tests drive Debian's Chromium through its matching chromedriver (never a
# browser or driver downloaded at test time).
browser_up() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  apt_install chromium chromium-driver
}

# ------------------------------------------------------------------------------------- commands
cli_jar() { local jar="$ROOT/infra/target/infra-$(project_version)-exec.jar"; if [ -f "$jar" ]; then echo "$jar"; fi; }

build() {
  say "building (mvn package -DskipTests)"
  local start; start=$(date +%s)
  mvn -B -q -f "$ROOT/pom.xml" package -DskipTests >"$LOGS/build.log" 2>&1 || { tail -50 "$LOGS/build.log" >&2; fail "build failed: see $LOGS/build.log"; }
  say "  built in $(elapsed "$start")"
}

stack_up() {
  local start; start=$(date +%s)
  keys_up
  pg_up
  kafka_up
  es_up
  s3_up
  local svc name
  for svc in $SERVICES; do
    for name in $(instance_names "$svc"); do service_up "$name"; done
  done
  # Instances beyond the asked number (after a scale down) are stopped.
  for svc in $SERVICES; do
    for name in $(ls "$RUN" | sed -n "s/^\($svc-[0-9][0-9]*\)\.pid$/\1/p"); do
      instance_names "$svc" | grep -qx "$name" || stop_pid "$name"
    done
  done
  nginx_up
  say "the stack is up ($(elapsed "$start"))"
}

stack_down() {
  local only=${1:-}
  local extra
  local svc reversed=""
  extra=""
  for svc in $SERVICES; do
    reversed="$svc $reversed"
    extra="$extra $(ls "$RUN" 2>/dev/null | sed -n "s/^\($svc-[0-9][0-9]*\)\.pid$/\1/p" | tr '\n' ' ')"
  done
  # the services in the reverse of their start order, after the extra instances, then the servers
  local components="nginx $extra $reversed s3proxy elasticsearch-3 elasticsearch-2 elasticsearch kafka-nodes postgresql"
  for c in $components; do
    case $c in
      # Kafka's brokers stop together: the last of a replicated cluster to stop alone would wait
      # for a quorum of controllers that is gone.
      kafka-nodes)
        for c in kafka-3 kafka-2 kafka; do
          if [ -z "$only" ] || grep -qx "$c" "$only" 2>/dev/null; then stop_pid "$c" & fi
        done
        wait
        continue ;;
    esac
    if [ -n "$only" ] && ! grep -qx "$c" "$only" 2>/dev/null; then continue; fi
    case $c in
      postgresql) pg_down ;;
      *) stop_pid "$c" ;;
    esac
  done
}

stack_status() {
  local c state
  printf '%-16s %-10s %s\n' COMPONENT STATE WHERE
  pg_running && state=running || state=stopped
  printf '%-16s %-10s %s\n' postgresql "$state" "$(pg_jdbc_url)"
  local n name
  for n in $(seq 1 "$(kafka_nodes)"); do
    name=$(node_name kafka "$n")
    pid_alive "$name" && state=running || state=stopped
    printf '%-16s %-10s %s\n' "$name" "$state" "127.0.0.1:$(kafka_port "$n")"
  done
  for n in $(seq 1 "$(es_nodes)"); do
    name=$(node_name elasticsearch "$n")
    if pid_alive "$name"; then es_health "$n" && state=healthy || state=starting; else state=stopped; fi
    printf '%-16s %-10s %s\n' "$name" "$state" "http://127.0.0.1:$(es_port "$n")"
  done
  pid_alive s3proxy && state=running || state=stopped
  printf '%-16s %-10s %s\n' s3proxy "$state" "http://127.0.0.1:$JOBSTREAM_S3_PORT"
  for c in $(for svc in $SERVICES; do instance_names "$svc"; done); do
    if pid_alive "$c"; then service_healthy "$c" && state=healthy || state=unhealthy; else state=stopped; fi
    printf '%-16s %-10s %s\n' "$c" "$state" "http://127.0.0.1:$(service_port "$c")"
  done
  local parked
  parked=$(curl -fsS "http://127.0.0.1:$(service_port projections)/actuator/health" 2>/dev/null \
    | sed -n 's/.*"deadLetters":{[^}]*"unresolved":\([0-9]*\).*/\1/p')
  if curl -fsS "http://127.0.0.1:$(service_port command-service)/actuator/health" 2>/dev/null \
      | grep -q '"publisher":{"status":"DOWN"'; then
    printf '\nThe publisher cannot put events on Kafka: see the health of %s\n' "http://127.0.0.1:$(service_port command-service)/actuator/health"
  fi
  if [ -n "$parked" ] && [ "$parked" != 0 ]; then
    printf '\n%s events could not be applied to the read models: ./jobstream dead-letters lists them\n' "$parked"
  fi
  pid_alive nginx && state=running || state=stopped
  printf '%-16s %-10s %s\n' entry-point "$state" "http://127.0.0.1:$JOBSTREAM_PORT"
}

# stack_pids: "name=pid" of each running component, for the benchmark's CPU and memory figures
stack_pids() {
  local name pids="" pg
  pg="$(pg_base)/data/postmaster.pid"
  [ -z "$JOBSTREAM_PG_URL" ] && [ -f "$pg" ] && pids="postgresql=$(head -1 "$pg")"
  local n nodes=""
  for n in $(seq 1 "$(kafka_nodes)"); do nodes="$nodes $(node_name kafka "$n")"; done
  for n in $(seq 1 "$(es_nodes)"); do nodes="$nodes $(node_name elasticsearch "$n")"; done
  for name in $nodes s3proxy $(for svc in $SERVICES; do instance_names "$svc"; done) nginx; do
    pid_alive "$name" && pids="$pids $name=$(cat "$RUN/$name.pid")"
  done
  echo "$pids"
}

cli() {
  local jar; jar=$(cli_jar)
  if [ -z "$jar" ]; then
    mvn_quiet -f "$ROOT/pom.xml" package -DskipTests -pl infra -am >"$LOGS/build.log" 2>&1
    jar=$(cli_jar)
  fi
  JOBSTREAM_KEYS="$KEYS" JOBSTREAM_KAFKA_BOOTSTRAP="$(kafka_bootstrap)" JOBSTREAM_STATE="$STATE" \
    JOBSTREAM_BASE_URL="http://127.0.0.1:$JOBSTREAM_PORT" JOBSTREAM_BENCH_DIR="$STATE/bench" \
    JOBSTREAM_ES_URL="http://127.0.0.1:$JOBSTREAM_ES_PORT" JOBSTREAM_JDBC_URL="$(pg_jdbc_url)" \
    JOBSTREAM_PROJECTIONS_URL="http://127.0.0.1:$JOBSTREAM_PROJECTIONS_PORT" java -jar "$jar" "$@"
}
