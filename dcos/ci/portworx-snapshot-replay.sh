#!/usr/bin/env bash
# Replays the guestbook's API and browser suites against Portworx snapshots of the production Cassandra volumes.
#
#   1. flush     every production node writes its memtables to SSTables, so each volume holds every acknowledged write
#   2. snapshot  `pxctl volume snapshot create` for each Cassandra volume, back to back right after the flush
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

# The production volumes: <prefix>-<node index>, in node order.
mapfile -t volumes < <(pxctl volume list --json |
  jq -r --arg prefix "$volume_prefix" '.[].locator.name | select(test("^" + $prefix + "-[0-9]+$"))' |
  sort -V)
if [ "${#volumes[@]}" -eq 0 ]; then
  log "no Portworx volumes named $volume_prefix-<n> found"
  exit 1
fi
log "volumes: ${volumes[*]}"

for index in "${!volumes[@]}"; do
  log "flush: node-$index-server ($service)"
  dcos task exec "node-$index-server" bash -c "./apache-cassandra-*/bin/nodetool flush $keyspace"
done

for volume in "${volumes[@]}"; do
  log "snapshot: $volume -> $volume-$tag"
  pxctl volume snapshot create --name "$volume-$tag" "$volume"
  snapshots+=("$volume-$tag")
done

for index in "${!snapshots[@]}"; do
  app="$workdir/cassandra-$index.json"
  jq --arg index "$index" --arg volume "${snapshots[$index]}" \
    'walk(if type == "string" then gsub("__NODE_INDEX__"; $index) | gsub("__SNAPSHOT_VOLUME__"; $volume) else . end)' \
    "$node_template" > "$app"
  log "test ring: starting $(jq -r '.id' "$app") on ${snapshots[$index]}"
  dcos marathon app add "$app"
done
for index in "${!snapshots[@]}"; do
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
