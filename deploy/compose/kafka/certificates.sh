#!/usr/bin/env bash
# Makes the compose cluster's TLS material once, in the kafka-tls volume (TLS_DIR), and the services'
# trust anchor in the kafka-trust volume (TRUST_DIR); later runs find it and change nothing. Run by
# the one-shot kafka-certificates container (apache/kafka's image, for its keytool) as root, before
# any node starts. Needs RXFLOW_KAFKA_TLS_PASSWORD (the stores' password, from .env).
#
#   TLS_DIR/ca.p12         the cluster's own certificate authority (its private key stays here)
#   TLS_DIR/broker.p12     the nodes' key and certificate, CN=rxflow-kafka (the super user), signed by
#                          the authority for kafka-1, kafka-2, kafka-3 and localhost
#   TLS_DIR/ca.crt         the authority's certificate (PEM): the nodes' trust store
#   TLS_DIR/admin.properties  client settings of the super user (TLS with broker.p12), for the
#                          health check, kafka-topics and kafka-access on the nodes' BROKER listener
#   TRUST_DIR/ca.crt       the same certificate, the only file the services see (no password: PEM)
#
# TLS_DIR belongs to uid 1000 (the Kafka image's user, also kafka-access's) with mode 600: it holds
# the super user's key. To replace everything (a new authority), remove both volumes.
set -euo pipefail

: "${RXFLOW_KAFKA_TLS_PASSWORD:?RXFLOW_KAFKA_TLS_PASSWORD is not set}"
tls="${TLS_DIR:-/etc/kafka/tls}"
trust="${TRUST_DIR:-/etc/rxflow/kafka}"
owner="${TLS_OWNER:-1000:1000}"
days=825
export RXFLOW_KAFKA_TLS_PASSWORD

store() {
    keytool "$@" -storetype PKCS12 -storepass:env RXFLOW_KAFKA_TLS_PASSWORD
}

if [ -s "$tls/broker.p12" ] && [ -s "$tls/ca.p12" ] && [ -s "$tls/ca.crt" ] && [ -s "$tls/admin.properties" ]; then
    echo "certificates.sh: $tls already holds the cluster's certificates"
else
    rm -f "$tls/ca.p12" "$tls/broker.p12" "$tls/ca.crt" "$tls/broker.csr" "$tls/broker.crt" "$tls/admin.properties"
    store -genkeypair -alias ca -dname "CN=RxFlow compose Kafka CA" -keyalg RSA -keysize 3072 -ext bc:c \
        -validity "$days" -keypass:env RXFLOW_KAFKA_TLS_PASSWORD -keystore "$tls/ca.p12"
    store -exportcert -rfc -alias ca -keystore "$tls/ca.p12" -file "$tls/ca.crt"
    store -genkeypair -alias broker -dname "CN=rxflow-kafka" -keyalg RSA -keysize 3072 -validity "$days" \
        -keypass:env RXFLOW_KAFKA_TLS_PASSWORD -keystore "$tls/broker.p12"
    store -certreq -alias broker -keystore "$tls/broker.p12" -file "$tls/broker.csr"
    store -gencert -rfc -alias ca -keystore "$tls/ca.p12" -infile "$tls/broker.csr" -outfile "$tls/broker.crt" \
        -validity "$days" -ext "san=dns:kafka-1,dns:kafka-2,dns:kafka-3,dns:localhost" \
        -ext "ku:c=digitalSignature,keyEncipherment" -ext "eku=serverAuth,clientAuth"
    store -importcert -noprompt -alias ca -file "$tls/ca.crt" -keystore "$tls/broker.p12"
    store -importcert -alias broker -file "$tls/broker.crt" -keystore "$tls/broker.p12"
    rm -f "$tls/broker.csr" "$tls/broker.crt"
    cat > "$tls/admin.properties" <<PROPERTIES
security.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.location=$tls/broker.p12
ssl.keystore.password=$RXFLOW_KAFKA_TLS_PASSWORD
ssl.key.password=$RXFLOW_KAFKA_TLS_PASSWORD
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.crt
PROPERTIES
    echo "certificates.sh: made the cluster's authority and the nodes' certificate in $tls"
fi
chown -R "$owner" "$tls"
chmod 700 "$tls"
chmod 600 "$tls"/*
cp "$tls/ca.crt" "$trust/ca.crt"
chmod 644 "$trust/ca.crt"
