#!/usr/bin/env bash
# Creates every topic listed in topics.conf, or brings an existing one back to the listed configuration.
# Run by the kafka-topics service of docker-compose.yml (apache/kafka image) once the brokers are up; safe to run
# again at any time. Existing topics keep their partition count (raising it would move keys to other partitions).
#
#   BOOTSTRAP_SERVERS          required, e.g. kafka-1:19092,kafka-2:19092,kafka-3:19092
#   TOPIC_PARTITIONS           default 12: the most consumers one consumer group can keep busy
#   TOPIC_REPLICATION_FACTOR   default 3
#   TOPIC_MIN_INSYNC_REPLICAS  default 2 with 3 or more replicas, else 1 (acks=all then survives one broker down)
#   TOPICS_CONF                default: topics.conf beside this script
#   KAFKA_BIN                  default /opt/kafka/bin (the apache/kafka image)
#   KAFKA_CLIENT_CONFIG        optional client properties file (SASL/TLS) passed as --command-config
set -euo pipefail

bootstrap="${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS to the Kafka bootstrap servers}"
partitions="${TOPIC_PARTITIONS:-12}"
replication="${TOPIC_REPLICATION_FACTOR:-3}"
min_isr="${TOPIC_MIN_INSYNC_REPLICAS:-$(( replication >= 3 ? 2 : 1 ))}"
conf="${TOPICS_CONF:-$(dirname "$0")/topics.conf}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
client=()
if [[ -n "${KAFKA_CLIENT_CONFIG:-}" ]]; then
  client=(--command-config "$KAFKA_CLIENT_CONFIG")
fi

existing="$("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "${client[@]}" --list)"

while read -r topic cleanup retention _; do
  if [[ -z "$topic" || "$topic" == \#* ]]; then
    continue
  fi
  configs="cleanup.policy=$cleanup,min.insync.replicas=$min_isr"
  if [[ "$retention" != "-" ]]; then
    configs="$configs,retention.ms=$retention"
  fi
  if grep -qxF "$topic" <<< "$existing"; then
    "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" "${client[@]}" --alter --entity-type topics \
      --entity-name "$topic" --add-config "$configs"
  else
    create=(--create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor "$replication")
    for config in ${configs//,/ }; do
      create+=(--config "$config")
    done
    "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "${client[@]}" "${create[@]}"
  fi
done < "$conf"

echo "topics ready: $(grep -cv -e '^#' -e '^[[:space:]]*$' "$conf") topics, $partitions partitions, replication factor $replication, min.insync.replicas $min_isr"
