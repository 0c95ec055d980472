# CryptoGo sample app: multi-stage build, runs as a non-root user on a JRE 25 base.
#   docker build -t cryptogo .
#   docker run -p 7070:7070 -e CRYPTOGO_API_TOKEN=change-me cryptogo
# docker-compose.yml runs two of these behind nginx with PostgreSQL (TimescaleDB) and Redis.

# ---- build: the fat jar (Maven on JDK 25; the front-end bundles are built by the pom's npm step) ----
FROM maven:3.9-eclipse-temurin-25 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
COPY cryptogo-bom/pom.xml cryptogo-bom/
COPY cryptogo-core/pom.xml cryptogo-core/
COPY cryptogo-indicators/pom.xml cryptogo-indicators/
COPY cryptogo-ai/pom.xml cryptogo-ai/
COPY cryptogo-trading/pom.xml cryptogo-trading/
COPY cryptogo-examples/pom.xml cryptogo-examples/
# dependencies in their own layer: a source change does not download them again
RUN mvn -B -q -pl cryptogo-examples -am dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -DskipTests -Dspotless.skip=true -pl cryptogo-examples -am package \
    && cp cryptogo-examples/target/cryptogo-app.jar /cryptogo-app.jar

# ---- run: JRE only, non-root ----
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 cryptogo \
    && useradd --system --uid 10001 --gid cryptogo --home-dir /var/lib/cryptogo --create-home cryptogo \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /cryptogo-app.jar /opt/cryptogo/cryptogo-app.jar
USER cryptogo:cryptogo
WORKDIR /var/lib/cryptogo
ENV PORT=7070 \
    CRYPTOGO_HOME=/var/lib/cryptogo \
    LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 7070
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/cryptogo/cryptogo-app.jar"]
CMD ["serve"]
