# syntax=docker/dockerfile:1
# The Anchang API image. It runs the same entry point as `make run` — `python -m anchang serve` —
# against the server named by DATABASE_URL: migrate, then serve (no demo data: ANCHANG_ENV=production).
# The SPA is served by the web image (deploy/web/); this image answers /api/v1 only.
#
#   docker build -t anchang-api .
#   docker run -e DATABASE_URL=postgresql+psycopg://… -e SECRET_KEY=… -p 8000:8000 anchang-api
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN groupadd --system --gid 10001 anchang \
 && useradd --system --uid 10001 --gid anchang --home-dir /app --no-create-home --shell /usr/sbin/nologin anchang

# Dependencies first, read from pyproject.toml, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The package, installed in place (as `make install` does): the CLI finds alembic.ini and
# backend/migrations next to the package's source, which a plain wheel install would not ship.
COPY alembic.ini ./
COPY backend ./backend
RUN pip install --no-deps -e . \
 && python -c "import anchang.cli, anchang.core.config as c; assert (c.PROJECT_ROOT / 'alembic.ini').is_file()"

USER anchang

ENV ANCHANG_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=4

EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/api/v1/health' % os.environ.get('PORT', '8000'), timeout=4)"]

# Host, port and worker count come from HOST, PORT and WORKERS (flags would override them).
CMD ["python", "-m", "anchang", "serve"]
