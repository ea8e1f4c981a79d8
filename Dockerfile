# One recipe for the four RxFlow services. They are built the same way (a Spring Boot exec jar per
# module), start the same way and differ only in the module and its HTTP ports, so one Dockerfile
# with three build arguments beats four copies that would drift apart:
#
#   ./mvnw -DskipTests package
#   docker build --build-arg SERVICE=gateway --build-arg PORT=8080 --build-arg MANAGEMENT_PORT=9080 \
#       -t rxflow/gateway:local .
#
# docker-compose.yml passes the same arguments for each service; the deployment module's tests
# check that each PORT is the service's own server.port and MANAGEMENT_PORT its Actuator port
# under the prod profile (management.server.port: the service's port + 1000, docs/security.md).
ARG JAVA_IMAGE=eclipse-temurin:17-jre-noble

FROM ${JAVA_IMAGE} AS layers
ARG SERVICE
WORKDIR /layers
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>, e.g. gateway" >&2; exit 1; }
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar application.jar
# Split the jar into Spring Boot's layers (dependencies change less often than RxFlow's own code),
# so a rebuild after a code change ships only the last layer.
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM ${JAVA_IMAGE}
ARG SERVICE
ARG PORT
ARG MANAGEMENT_PORT
RUN test -n "${PORT}" || { echo "build with --build-arg PORT=<the service's server.port>" >&2; exit 1; }
RUN test -n "${MANAGEMENT_PORT}" || { echo "build with --build-arg MANAGEMENT_PORT=<its management.server.port>" >&2; exit 1; }
# curl for the health check (not every JRE base image ships it); a fixed non-root uid so
# Kubernetes can enforce runAsNonRoot and an fsGroup can give it the state volume.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 rxflow; \
    useradd --system --uid 10001 --gid rxflow --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin rxflow; \
    mkdir -p /var/lib/rxflow/state; \
    chown -R 10001:10001 /var/lib/rxflow
WORKDIR /opt/rxflow
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./

LABEL org.opencontainers.image.title="rxflow-${SERVICE}"
# Kafka Streams state (RocksDB) of the Streams services; compose and Kubernetes mount a volume here.
# The heap follows the container's memory limit; a deployment may set JDK_JAVA_OPTIONS to leave
# more room off-heap (RocksDB).
ENV RXFLOW_STREAMS_STATEDIR=/var/lib/rxflow/state \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75" \
    HEALTHCHECK_URL=http://localhost:${MANAGEMENT_PORT}/actuator/health/readiness
EXPOSE ${PORT} ${MANAGEMENT_PORT}
USER 10001:10001

# Ready = the service's Kafka consumers or Kafka Streams are running (Actuator's readiness group).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "${HEALTHCHECK_URL}" || exit 1

# Avro only instantiates generated classes of trusted packages.
ENTRYPOINT ["java", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.rxflow", "-jar", "application.jar"]
