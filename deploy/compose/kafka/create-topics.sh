#!/usr/bin/env bash
# Creates each topic named on the command line with RxFlow's layout, unless it exists already, so
# the topics exist with the intended replication before any service starts. Idempotent: compose
# runs it again on every `up`. Every topic gets an explicit retention for its class, as the
# services create them (TopicCatalogue, TopicRetention; TopicRetentionTest in platform checks the two
# agree), with cleanup.policy=delete, except the schema store and the patient keys (compacted, kept
# for ever; the patient keys' tombstoned records compacted away within a day, PatientKeysTopic):
#   *.audit-access, *.audit-log                   RXFLOW_KAFKA_TOPICS_AUDITRETENTION     2192d (six years)
#   *.conversation-events, *.escalation-events    RXFLOW_KAFKA_TOPICS_RETENTION_DOMAINLOG  2192d
#   *.pharmacy-orders                             RXFLOW_KAFKA_TOPICS_RETENTION_ORDERBOOK  2192d
#   *.dlt                                         RXFLOW_KAFKA_TOPICS_RETENTION_DEADLETTERS  30d
#   *.schemas                                     cleanup.policy=compact, retention.ms=-1
#   *.patient-keys                                cleanup.policy=compact, retention.ms=-1, max.compaction.lag.ms,
#                                                 segment.ms, delete.retention.ms as PatientKeysTopic.config()
#   any other                                     RXFLOW_KAFKA_TOPICS_RETENTION_MESSAGING     7d
# Durations as the services take them: a number and ms, s, m, h or d. RXFLOW_AUDIT_RETENTION_MS
# (milliseconds) still sets the audit retention when given. KAFKA_ADMIN_CONFIG names the client
# settings to connect with (compose: the super user's TLS settings from kafka/certificates.sh).
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is not set}"
: "${RXFLOW_KAFKA_TOPICS_PARTITIONS:?RXFLOW_KAFKA_TOPICS_PARTITIONS is not set}"
: "${RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR:?RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR is not set}"
: "${RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS:?RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS is not set}"
kafka_topics="${KAFKA_TOPICS_COMMAND:-/opt/kafka/bin/kafka-topics.sh}"
connection=(--bootstrap-server "$BOOTSTRAP_SERVERS")
if [ -n "${KAFKA_ADMIN_CONFIG:-}" ]; then
    connection+=(--command-config "$KAFKA_ADMIN_CONFIG")
fi

if [ "$#" -eq 0 ]; then
    echo "usage: create-topics.sh TOPIC..." >&2
    exit 2
fi

# a duration (2192d, 7d, 12h, 30m, 90s, 500ms) in milliseconds
millis() {
    local value="$1" number unit
    if [[ ! "$value" =~ ^([0-9]+)(ms|s|m|h|d)$ ]]; then
        echo "create-topics.sh: '$value' is not a duration like 7d, 12h or 500ms" >&2
        exit 2
    fi
    number="${BASH_REMATCH[1]}"
    unit="${BASH_REMATCH[2]}"
    case "$unit" in
        ms) echo "$number" ;;
        s) echo $((number * 1000)) ;;
        m) echo $((number * 60000)) ;;
        h) echo $((number * 3600000)) ;;
        d) echo $((number * 86400000)) ;;
    esac
}

audit_retention_ms="${RXFLOW_AUDIT_RETENTION_MS:-$(millis "${RXFLOW_KAFKA_TOPICS_AUDITRETENTION:-2192d}")}"
domain_log_ms="$(millis "${RXFLOW_KAFKA_TOPICS_RETENTION_DOMAINLOG:-2192d}")"
order_book_ms="$(millis "${RXFLOW_KAFKA_TOPICS_RETENTION_ORDERBOOK:-2192d}")"
dead_letters_ms="$(millis "${RXFLOW_KAFKA_TOPICS_RETENTION_DEADLETTERS:-30d}")"
messaging_ms="$(millis "${RXFLOW_KAFKA_TOPICS_RETENTION_MESSAGING:-7d}")"

for topic in "$@"; do
    cleanup_policy=delete
    extra=()
    case "$topic" in
        *.schemas) cleanup_policy=compact; retention_ms=-1 ;;
        *.patient-keys)
            cleanup_policy=compact; retention_ms=-1
            extra=(--config max.compaction.lag.ms=86400000 --config segment.ms=3600000
                --config delete.retention.ms=86400000) ;;
        *.audit-access|*.audit-log) retention_ms="$audit_retention_ms" ;;
        *.conversation-events|*.escalation-events) retention_ms="$domain_log_ms" ;;
        *.pharmacy-orders) retention_ms="$order_book_ms" ;;
        *.dlt) retention_ms="$dead_letters_ms" ;;
        *) retention_ms="$messaging_ms" ;;
    esac
    "$kafka_topics" "${connection[@]}" --create --if-not-exists \
        --topic "$topic" \
        --partitions "$RXFLOW_KAFKA_TOPICS_PARTITIONS" \
        --replication-factor "$RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR" \
        --config "min.insync.replicas=$RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS" \
        --config "cleanup.policy=$cleanup_policy" \
        --config "retention.ms=$retention_ms" \
        ${extra[@]+"${extra[@]}"}
done
"$kafka_topics" "${connection[@]}" --describe --topic 'rxflow\..*'
