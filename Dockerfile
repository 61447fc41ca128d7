# The Quali'Coop bot: one image for every instance (compose.yaml runs it with PostgreSQL).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY conversations ./conversations
COPY models ./models
COPY locales ./locales
RUN pip install '.[postgres]' && useradd --create-home qualicoop
USER qualicoop
# the web server (webhook, health check) listens on every interface inside the container
ENV QUALICOOP_WEB_HOST=0.0.0.0 \
    QUALICOOP_WEB_PORT=8080 \
    QUALICOOP_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz')"
CMD ["qualicoop", "run", "--webhook"]
