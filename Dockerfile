# Production image: slim, non-root, gunicorn. Migrations are a release step, not run at start:
#   docker run --rm --env-file prod.env stp-site python manage.py migrate --no-input
# See docs/deploy.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=stp_site.settings.production \
    PORT=8000 \
    MEDIA_ROOT=/app/media \
    CACHE_DIR=/app/cache \
    SIGNUP_SPOOL_DIR=/app/spool

# A fixed uid and gid, so the host's volumes can be given to this user (docs/deploy.md).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code and collected static files belong to root: the app user can read them, never change them.
# Only media (uploads), the file cache and the sign-up spool are its own (mount durable volumes on them).
COPY . .
# Static files are collected at build time with throwaway values: nothing secret is baked in.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost CSRF_TRUSTED_ORIGINS=https://localhost \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input -v 0 \
    && chmod -R u=rwX,go=rX /app \
    && install -d -o app -g app -m 0750 /app/media /app/cache \
    && install -d -o app -g app -m 0700 /app/spool

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/health/')"
# Every flag is in stp_site/gunicorn_conf.py; scripts/production_site.py runs this same line.
CMD ["gunicorn", "--config", "python:stp_site.gunicorn_conf"]
