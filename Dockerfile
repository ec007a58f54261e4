# Production image: slim, non-root, gunicorn. Migrations are a release step, not run at start:
#   docker run --rm --env-file prod.env stp-site python manage.py migrate --no-input
# See docs/deploy.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=stp_site.settings.production \
    PORT=8000

RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app . .

# Static files are collected at build time with throwaway values: nothing secret is baked in.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost CSRF_TRUSTED_ORIGINS=https://localhost \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input -v 0 \
    && mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/health/')"
CMD ["sh", "-c", "exec gunicorn stp_site.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips='*'"]
