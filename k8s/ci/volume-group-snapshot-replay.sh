#!/usr/bin/env bash
# Replays the guestbook's API and browser suites against a VolumeGroupSnapshot of the production Cassandra volumes:
# the Kubernetes counterpart of dcos/ci/portworx-snapshot-replay.sh, with the same guarantees.
#
#   1. flush     `nodetool flush` on every production pod at once, so each volume holds every acknowledged write
#   2. snapshot  one VolumeGroupSnapshot of the three data claims (crash-consistent: all volumes at one instant)
#   3. copy      each member snapshot bound again, by its storage handle, to a VolumeSnapshot in guestbook-ci (a
#                snapshot restores only in its own namespace), then a claim data-cassandra-<n> restored from it
#   4. ring      the CI overlay (k8s/overlays/ci): a StatefulSet that adopts those claims, under production's cluster
#                name but never loading the recorded ring, in a namespace whose network policy keeps it from production
#   5. replay    `npm run replay` against the ring, here (the job's pod): reports land in ci/ for the pipeline
#   6. cleanup   always: the ring, the claims, the copies, then the group snapshot (and with it the storage snapshots)
#
# Which volume lands on which CI pod does not matter: a node's identity (host id, tokens) lives on its volume.
# Run it where kubectl (1.27+) acts as the service account of k8s/ci-access, e.g. the GitLab job
# replay:kubernetes-snapshot. Environment: CASSANDRA_KEYSPACE (guestbook), SNAPSHOT_TAG, WAIT_SECONDS (900),
# POLL_SECONDS (10).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
templates="$here/templates"
ring_overlay="$here/../overlays/ci"
source_namespace=guestbook
ring_namespace=guestbook-ci
keyspace="${CASSANDRA_KEYSPACE:-guestbook}"
tag="${SNAPSHOT_TAG:-ci-${CI_PIPELINE_ID:-$(date +%Y%m%d%H%M%S)}}"
wait_seconds="${WAIT_SECONDS:-900}"
poll_seconds="${POLL_SECONDS:-10}"
group="guestbook-cassandra-$tag"
workdir="$(mktemp -d)"
group_requested=false
ring_applied=false
copies=()
claims=()

log() { printf '[k8s-snapshot-replay] %s\n' "$*" >&2; }

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

# Fills a template the way the deploy checks do: every __NAME__ in every string.
render() {
  local template="$1" out="$2" index="${3:-}" copy="${4:-}" driver="${5:-}" handle="${6:-}"
  jq --arg run "$tag" --arg group "$group" --arg index "$index" --arg copy "$copy" --arg driver "$driver" \
    --arg handle "$handle" \
    'walk(if type == "string" then gsub("__RUN__"; $run) | gsub("__GROUP_SNAPSHOT__"; $group)
      | gsub("__NODE_INDEX__"; $index) | gsub("__COPY__"; $copy) | gsub("__DRIVER__"; $driver)
      | gsub("__SNAPSHOT_HANDLE__"; $handle) else . end)' "$templates/$template" > "$out"
}

cleanup() {
  local status=$?
  set +e
  if [ "$ring_applied" = true ]; then
    log "cleanup: removing the CI ring"
    kubectl delete -k "$ring_overlay" --ignore-not-found --wait
  fi
  for claim in "${claims[@]}"; do
    log "cleanup: deleting claim $claim"
    kubectl -n "$ring_namespace" delete persistentvolumeclaim "$claim" --ignore-not-found --wait
  done
  for copy in "${copies[@]}"; do
    log "cleanup: deleting snapshot copy $copy"
    kubectl -n "$ring_namespace" delete volumesnapshot "$copy" --ignore-not-found --wait
    # Retain: deleting the copy's content leaves the storage snapshot to the group snapshot below.
    # Not --wait: that would need a cluster-wide watch on contents, and nothing here depends on this one being gone.
    kubectl delete volumesnapshotcontent "$copy" --ignore-not-found --wait=false
  done
  if [ "$group_requested" = true ]; then
    log "cleanup: deleting group snapshot $group"
    kubectl -n "$source_namespace" delete volumegroupsnapshot "$group" --ignore-not-found --wait ||
      log "could not delete volumegroupsnapshot $group in $source_namespace: delete it by hand"
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT

# Ready, pending, or failed for good: a snapshot the storage refused does not become ready by waiting.
group_is_ready() {
  kubectl -n "$source_namespace" get volumegroupsnapshot "$group" -o json > "$workdir/group.json" || return 1
  local error
  error="$(jq -r '.status.error.message // empty' "$workdir/group.json")"
  if [ -n "$error" ]; then
    log "group snapshot $group failed: $error"
    exit 1
  fi
  jq -e '.status.readyToUse == true' "$workdir/group.json" > /dev/null
}

nodes="$(kubectl -n "$source_namespace" get statefulset cassandra -o jsonpath='{.spec.replicas}')"
if ! [[ "$nodes" =~ ^[1-9][0-9]*$ ]]; then
  log "statefulset cassandra in $source_namespace has no replicas ('$nodes')"
  exit 1
fi

# All nodes at once, so the snapshot follows every flush closely; a node that cannot flush stops the run here.
flushes=()
for ((index = 0; index < nodes; index++)); do
  log "flush: cassandra-$index"
  kubectl -n "$source_namespace" exec "cassandra-$index" -c cassandra -- nodetool flush "$keyspace" &
  flushes+=("$!")
done
for index in "${!flushes[@]}"; do
  if ! wait "${flushes[$index]}"; then
    log "flush failed on cassandra-$index: no snapshot taken"
    exit 1
  fi
done

log "snapshot: $group"
render volume-group-snapshot.json "$workdir/group-request.json"
group_requested=true
kubectl create -f "$workdir/group-request.json"
wait_until "group snapshot $group to be ready" group_is_ready

# The member snapshots the controller made for the group, one per data volume.
kubectl -n "$source_namespace" get volumesnapshots -o json > "$workdir/snapshots.json"
mapfile -t members < <(jq -r --arg group "$group" \
  '.items[] | select(any(.metadata.ownerReferences[]?; .kind == "VolumeGroupSnapshot" and .name == $group))
    | .metadata.name' "$workdir/snapshots.json" | sort)
if [ "${#members[@]}" -ne "$nodes" ]; then
  log "group snapshot $group holds ${#members[@]} volume snapshots, expected $nodes (one per node)"
  exit 1
fi

for index in "${!members[@]}"; do
  member="${members[$index]}"
  copy="$group-$index"
  content="$(kubectl -n "$source_namespace" get volumesnapshot "$member" -o jsonpath='{.status.boundVolumeSnapshotContentName}')"
  kubectl get volumesnapshotcontent "$content" -o json > "$workdir/content-$index.json"
  driver="$(jq -r '.spec.driver' "$workdir/content-$index.json")"
  handle="$(jq -r '.status.snapshotHandle // empty' "$workdir/content-$index.json")"
  if [ -z "$handle" ]; then
    log "volume snapshot content $content has no snapshot handle"
    exit 1
  fi
  log "copy: $member -> $ring_namespace/$copy -> claim data-cassandra-$index"
  render volume-snapshot-content.json "$workdir/copy-content-$index.json" "$index" "$copy" "$driver" "$handle"
  render volume-snapshot.json "$workdir/copy-$index.json" "$index" "$copy"
  render restored-claim.json "$workdir/claim-$index.json" "$index" "$copy"
  copies+=("$copy")
  kubectl create -f "$workdir/copy-content-$index.json"
  kubectl create -f "$workdir/copy-$index.json"
  claims+=("data-cassandra-$index")
  kubectl create -f "$workdir/claim-$index.json"
done

log "ring: starting the CI ring in $ring_namespace"
ring_applied=true
kubectl apply -k "$ring_overlay"
kubectl -n "$ring_namespace" rollout status statefulset/cassandra --timeout="${wait_seconds}s"

contact_points=""
for ((index = 0; index < nodes; index++)); do
  contact_points+="${contact_points:+,}cassandra-$index.cassandra.$ring_namespace.svc:9042"
done
log "replay: the suites against $contact_points"
if npm run replay -- --contact-points "$contact_points" --keyspace "$keyspace"; then
  log "replay passed on production data ($tag)"
else
  log "replay FAILED on production data ($tag)"
  exit 1
fi
