# Multi-stage build: wheels are built with compilers in the first stage; the runtime image has no
# build tools, runs as an unprivileged user, and needs no network at run time (the spaCy model comes
# from an installed package).
FROM python:3.11-slim AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends gcc g++ && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml constraints.txt README.md ./
COPY proxy ./proxy
COPY detectors ./detectors
COPY policies ./policies
COPY audit ./audit
COPY config ./config
RUN python -m venv /opt/steward && /opt/steward/bin/pip install --no-cache-dir -c constraints.txt .

FROM python:3.11-slim
RUN useradd --system --create-home --uid 10001 steward && mkdir -p /data && chown steward /data
COPY --from=build /opt/steward /opt/steward
ENV PATH=/opt/steward/bin:$PATH STEWARD_DATA_DIR=/data STEWARD_LOG_FORMAT=json PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TLDEXTRACT_CACHE=/tmp/tldextract
USER steward
WORKDIR /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/readyz', timeout=2).status == 200 else 1)"
CMD ["steward", "serve", "--host", "0.0.0.0", "--port", "8080"]
