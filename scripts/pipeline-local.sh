#!/usr/bin/env bash
# Runs the whole .gitlab-ci.yml on this machine with gitlab-ci-local's shell executor, each job in its own copy of the
# tracked files (.gitlab-ci-local/builds/), passing caches and artifacts between jobs as GitLab would.
#
#   npm run pipeline:local                       a local node in .data/pipeline-production stands in for production
#   PROD_CASSANDRA_CONTACT_POINTS=h:9042 npm run pipeline:local    snapshot a Cassandra of your choice instead
#   npm run pipeline:local -- test:dummy-data    any gitlab-ci-local arguments (a job name, --list, ...) pass through
#
# The snapshot is masked as in GitLab: MASKING_KEY (at least 16 bytes) must be set, e.g.
#   MASKING_KEY="$(openssl rand -base64 32)" npm run pipeline:local
# or SNAPSHOT_UNMASKED=true copies the production stand-in's text as it is, on purpose.
#
# Needs what a shell runner needs: Node 20, Java 17, Maven, Chromium, git and rsync.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${MASKING_KEY:-}" ] && [ "${SNAPSHOT_UNMASKED:-}" != "true" ]; then
  echo "MASKING_KEY is not set: export one (MASKING_KEY=\"\$(openssl rand -base64 32)\"), or set SNAPSHOT_UNMASKED=true to snapshot unmasked on purpose." >&2
  exit 2
fi
masking_variables=()
[ -n "${MASKING_KEY:-}" ] && masking_variables+=(--variable "MASKING_KEY=$MASKING_KEY")
[ "${SNAPSHOT_UNMASKED:-}" = "true" ] && masking_variables+=(--variable "SNAPSHOT_UNMASKED=true")

production_dir=.data/pipeline-production
if [ -z "${PROD_CASSANDRA_CONTACT_POINTS:-}" ]; then
  npm run --silent cassandra -- start --dir "$production_dir"
  trap 'npm run --silent cassandra -- stop --dir "$production_dir"' EXIT
  PROD_CASSANDRA_CONTACT_POINTS="$(npm run --silent cassandra -- status --dir "$production_dir" |
    sed -n 's/^Running in .*: \([^ ]*\) (pid.*/\1/p')"
  # The snapshot needs the keyspace to exist: apply the API's schema with the API's own code.
  CASSANDRA_CONTACT_POINTS="$PROD_CASSANDRA_CONTACT_POINTS" CASSANDRA_REQUEST_TIMEOUT_MS=15000 npx tsx --eval "import('@guestbook/api').then(
    ({ loadConfig, connectAndMigrate }) => connectAndMigrate(loadConfig().cassandra).then((client) => client.shutdown()))"
fi

# Reuse this machine's caches instead of the per-project ones the pipeline keeps on a runner.
jars_dir="$(npx tsx --eval "import('@guestbook/cassandra').then((c) => console.log(c.jarsDirectory()))")"

npx gitlab-ci-local \
  --shell-isolation \
  --force-shell-executor \
  --variable "PROD_CASSANDRA_CONTACT_POINTS=$PROD_CASSANDRA_CONTACT_POINTS" \
  --variable "CASSANDRA_JARS_DIR=$jars_dir" \
  --variable "MAVEN_OPTS=-Dmaven.repo.local=$HOME/.m2/repository" \
  --variable "npm_config_cache=$HOME/.npm" \
  "${masking_variables[@]}" \
  "$@"
