#!/usr/bin/env bash
# Replays the guestbook's API and browser suites against Portworx snapshots of the production Cassandra volumes.
#
#   1. flush     every production node writes its memtables to SSTables, all nodes at once, so each volume holds every
#                acknowledged write in SSTables, not only in its commit log
#   2. snapshot  ONE Portworx group snapshot of every Cassandra volume (`pxctl volume snapshot group --volume_ids`):
#                Portworx quiesces I/O on all of them and cuts them at the same point, so no write lands between two
#                nodes' cuts. Steps 1 and 2 are what a 3DSnap is on Kubernetes (Stork runs a flush rule in every pod,
#                then the group snapshot); DC/OS has no Stork, so this script is the rule.
#   3. test ring one Cassandra per snapshot volume (dcos/ci/test-cassandra-node.marathon.json), on the overlay network,
#                with the production cluster name and tokens but never gossiping with production (load_ring_state=false)
#   4. replay    the Metronome job dcos/ci/replay.metronome.json runs the suites against the test ring
#   5. cleanup   always: the test ring is removed, then every snapshot volume is deleted
#
# Run it where both `pxctl` (a Portworx node) and an authenticated `dcos` CLI are available, e.g. a GitLab shell runner
# on a DC/OS agent (job replay:portworx-snapshot). Environment (defaults come from dcos/cassandra-options.json):
#   CASSANDRA_SERVICE, PX_VOLUME_PREFIX, CASSANDRA_KEYSPACE (guestbook), SNAPSHOT_TAG, WAIT_SECONDS (900), POLL_SECONDS (10)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
options="$here/../cassandra-options.json"
node_template="$here/test-cassandra-node.marathon.json"
replay_job="$here/replay.metronome.json"

service="${CASSANDRA_SERVICE:-$(jq -r '.service.name' "$options")}"
volume_prefix="${PX_VOLUME_PREFIX:-$(jq -r '.nodes.portworx_volume_name' "$options")}"
keyspace="${CASSANDRA_KEYSPACE:-guestbook}"
tag="${SNAPSHOT_TAG:-ci-${CI_PIPELINE_ID:-$(date +%Y%m%d%H%M%S)}}"
wait_seconds="${WAIT_SECONDS:-900}"
poll_seconds="${POLL_SECONDS:-10}"
test_group="$(jq -r '.id | split("/")[1] | "/" + .' "$node_template")"
job_id="$(jq -r '.id' "$replay_job")"
reports_dir="${REPORTS_DIR:-ci}"
workdir="$(mktemp -d)"
snapshots=()

log() { printf '[portworx-replay] %s\n' "$*" >&2; }

# Polls "$@" until it succeeds or wait_seconds pass.
wait_until() {
  local what="$1" deadline=$((SECONDS + wait_seconds))
  shift
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "timed out waiting for $what"
      return 1
    fi
    sleep "$poll_seconds"
  done
}

cleanup() {
  local status=$?
  set +e
  log "cleanup: removing $test_group"
  dcos marathon group remove --force "$test_group" > /dev/null 2>&1
  # A snapshot volume cannot be deleted while a test node still has it attached.
  wait_until "$test_group to stop" group_is_gone
  for snapshot in "${snapshots[@]}"; do
    log "cleanup: deleting snapshot volume $snapshot"
    pxctl volume delete --force "$snapshot" || log "could not delete $snapshot: delete it by hand"
  done
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT

group_is_gone() { ! dcos marathon group show "$test_group" > /dev/null 2>&1; }

app_is_healthy() {
  local healthy
  healthy="$(dcos marathon app show "$1" | jq -r '.tasksHealthy // 0')"
  [ "$healthy" -ge 1 ]
}

run_has_finished() {
  dcos job history "$job_id" --json > "$workdir/history.json" 2> /dev/null || return 1
  jq -e --arg run "$1" '[.successfulFinishedRuns[]?, .failedFinishedRuns[]?] | any(.id == $run)' "$workdir/history.json" > /dev/null
}

# The production volumes: <prefix>-<node index>, in node order, each with its Portworx id (a group snapshot takes ids).
mapfile -t volume_rows < <(pxctl volume list --json |
  jq -r --arg prefix "$volume_prefix" '.[] | select(.locator.name | test("^" + $prefix + "-[0-9]+$")) | "\(.locator.name) \(.id)"' |
  sort -V)
if [ "${#volume_rows[@]}" -eq 0 ]; then
  log "no Portworx volumes named $volume_prefix-<n> found"
  exit 1
fi
volumes=("${volume_rows[@]%% *}")
volume_ids=("${volume_rows[@]##* }")
log "volumes: ${volumes[*]}"

# All nodes flush at once, so the last flush ends as close to the group snapshot as the slowest node allows.
flushes=()
for index in "${!volumes[@]}"; do
  log "flush: node-$index-server ($service)"
  dcos task exec "node-$index-server" bash -c "./apache-cassandra-*/bin/nodetool flush $keyspace" &
  flushes+=("$!")
done
for index in "${!flushes[@]}"; do
  wait "${flushes[$index]}" || {
    log "flush failed on node-$index-server: no snapshot taken; check the node with 'dcos task log node-$index-server'"
    exit 1
  }
done

# pxctl answers one line per volume, "Volume <volume id> : Snapshot <snapshot id>". Whatever it printed is recorded
# before its status is checked, so the cleanup deletes the snapshots of a group that failed half-way too.
ids_csv="$(IFS=,; echo "${volume_ids[*]}")"
log "snapshot: one group snapshot of ${volumes[*]} (ids $ids_csv)"
group_status=0
pxctl volume snapshot group --volume_ids "$ids_csv" > "$workdir/group.txt" || group_status=$?
declare -A snapshot_of_volume=()
while read -r volume_id snapshot_id; do
  snapshot_of_volume[$volume_id]="$snapshot_id"
  snapshots+=("$snapshot_id")
done < <(sed -n 's/^Volume *\([^ ]*\) *: *Snapshot *\([^ ]*\).*$/\1 \2/p' "$workdir/group.txt")
if [ "$group_status" -ne 0 ] || [ "${#snapshots[@]}" -ne "${#volumes[@]}" ]; then
  log "the group snapshot failed (pxctl exit $group_status, ${#snapshots[@]} of ${#volumes[@]} volumes): see 'pxctl volume snapshot group --help' and the Portworx logs"
  exit 1
fi

# The test ring mounts the snapshots by name; a group snapshot names them itself, so look the names up by id.
pxctl volume list --all --json > "$workdir/all-volumes.json"
snapshot_names=()
for index in "${!volumes[@]}"; do
  snapshot_id="${snapshot_of_volume[${volume_ids[$index]}]:-}"
  name="$(jq -r --arg id "$snapshot_id" '.[] | select(.id == $id) | .locator.name' "$workdir/all-volumes.json")"
  if [ -z "$snapshot_id" ] || [ -z "$name" ]; then
    log "no snapshot of ${volumes[$index]} in the group snapshot's answer (below); delete its snapshots by hand"
    cat "$workdir/group.txt" >&2
    exit 1
  fi
  log "snapshot: ${volumes[$index]} -> $name ($snapshot_id)"
  snapshot_names+=("$name")
done

for index in "${!snapshot_names[@]}"; do
  app="$workdir/cassandra-$index.json"
  jq --arg index "$index" --arg volume "${snapshot_names[$index]}" \
    'walk(if type == "string" then gsub("__NODE_INDEX__"; $index) | gsub("__SNAPSHOT_VOLUME__"; $volume) else . end)' \
    "$node_template" > "$app"
  log "test ring: starting $(jq -r '.id' "$app") on ${snapshot_names[$index]}"
  dcos marathon app add "$app"
done
for index in "${!snapshot_names[@]}"; do
  wait_until "test node $index to answer CQL" app_is_healthy "$test_group/cassandra-$index"
done

log "replay: running Metronome job $job_id"
dcos job remove "$job_id" > /dev/null 2>&1 || true
dcos job add "$replay_job"
run_id="$(dcos job run "$job_id" | sed -n 's/^Run ID: *//p')"
wait_until "replay run $run_id" run_has_finished "$run_id"

task_id="$(dcos job show runs "$job_id" --run-id "$run_id" --json | jq -r '.[0].tasks[0].id // empty')"
if [ -n "$task_id" ]; then
  dcos task download "$task_id" test-results --target-dir="$reports_dir" || log "no JUnit reports to fetch"
  dcos task download "$task_id" playwright-report --target-dir="$reports_dir" || log "no Playwright report to fetch"
fi

if jq -e --arg run "$run_id" '[.successfulFinishedRuns[]?] | any(.id == $run)' "$workdir/history.json" > /dev/null; then
  log "replay passed on production data ($tag)"
else
  log "replay FAILED on production data ($tag)"
  exit 1
fi
