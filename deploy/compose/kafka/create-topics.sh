#!/usr/bin/env bash
# Creates each topic named on the command line with RxFlow's layout, unless it exists already, so
# the topics exist with the intended replication before any service starts. Idempotent: compose
# runs it again on every `up`. The audit topics (rxflow.audit-*) are append-only and kept for the
# pharmacy's audit retention: cleanup.policy=delete, retention.ms=$RXFLOW_AUDIT_RETENTION_MS
# (six years by default, as rxflow.kafka.topics.audit-retention in the services), never compacted.
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is not set}"
: "${RXFLOW_KAFKA_TOPICS_PARTITIONS:?RXFLOW_KAFKA_TOPICS_PARTITIONS is not set}"
: "${RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR:?RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR is not set}"
: "${RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS:?RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS is not set}"

if [ "$#" -eq 0 ]; then
    echo "usage: create-topics.sh TOPIC..." >&2
    exit 2
fi

audit_retention_ms="${RXFLOW_AUDIT_RETENTION_MS:-189388800000}"

for topic in "$@"; do
    extra=()
    case "$topic" in
        *.audit-access|*.audit-log)
            extra=(--config "cleanup.policy=delete" --config "retention.ms=$audit_retention_ms") ;;
    esac
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
        --topic "$topic" \
        --partitions "$RXFLOW_KAFKA_TOPICS_PARTITIONS" \
        --replication-factor "$RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR" \
        --config "min.insync.replicas=$RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS" \
        "${extra[@]}"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --topic 'rxflow\..*'
