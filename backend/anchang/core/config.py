"""Settings, read once from the environment (and `.env`); every variable is in docs/configuration.md."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEV_SECRET_KEY = "dev-only-secret-change-me-in-production-0123456789"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    anchang_env: Literal["development", "test", "production"] = "development"
    # Unset: an embedded PostgreSQL is started with its data under `data_dir`.
    database_url: str | None = None
    data_dir: Path = PROJECT_ROOT / ".data"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    # Proxies whose X-Forwarded-For/-Proto are believed (uvicorn's --forwarded-allow-ips): the
    # scheme decides whether the web login's cookie is Secure.
    forwarded_allow_ips: str = "127.0.0.1"
    secret_key: str = Field(default=DEV_SECRET_KEY, min_length=32)
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    # Failed logins of one e-mail from one address before it waits (the owner elsewhere still gets in)…
    login_max_failures: int = 5
    login_failure_window_minutes: int = 15
    # …and of any e-mails from one address (a spray of made-up e-mails is throttled too).
    login_max_failures_per_source: int = 30
    # Requests an API key may make a minute (429 `rate_limited` past it); people's tokens are not counted.
    api_key_rate_limit: int = Field(default=600, ge=1)
    max_body_bytes: int = 1024 * 1024
    idempotency_hours: int = 24
    spa_dir: Path = PROJECT_ROOT / "frontend" / "dist"
    log_level: str = "INFO"
    db_pool_size: int = 10
    # The longest a read of the fast path (lists, reports) may run before PostgreSQL stops it: a report
    # asked for a long period never holds a connection and a core for minutes. 0: no limit.
    read_timeout_seconds: float = Field(default=30, ge=0)
    # The role the app's connections act as, so PostgreSQL's row-level security applies to them (the
    # migrations create it); empty: connect as the URL's user (a table owner or superuser bypasses it).
    db_app_role: str = "anchang_app"
    # How often each worker frees the units of expired reservations; 0 turns the sweep off.
    reservation_sweep_seconds: float = Field(default=30, ge=0)
    # How often each worker escalates complaints whose level missed its deadline; 0 turns it off.
    complaint_sweep_seconds: float = Field(default=60, ge=0)
    # A CJK font file for printed documents; unset: the one the noto-cjk-sans-otc package ships.
    anchang_cjk_font: Path | None = None
    # Tests set it: every answer of the lean read path is compared with what its response model would
    # have written (core/reads.py); it costs a validation per response, so production leaves it off.
    check_answers: bool = False
    # Webhooks (integrations/): may an endpoint's URL be http:// or reach a private or loopback address?
    # Unset: yes outside production (a receiver on your laptop), never in production (SSRF).
    webhook_private_urls: bool | None = None
    # Run the webhook delivery worker inside each API process (`make run` delivers out of the box); a
    # deployment with `python -m anchang worker` processes of its own may turn it off.
    webhook_worker_in_api: bool = True

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, value: str | None) -> str | None:
        # One driver everywhere (psycopg 3): plain postgresql:// URLs, as most hosts give them, work.
        if value and value.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @model_validator(mode="after")
    def _real_secret_in_production(self) -> "Settings":
        if self.anchang_env == "production" and self.secret_key == DEV_SECRET_KEY:
            raise ValueError("SECRET_KEY must be set to a secret of your own when ANCHANG_ENV=production")
        return self

    @property
    def is_production(self) -> bool:
        return self.anchang_env == "production"

    @property
    def webhooks_may_reach_private(self) -> bool:
        return (not self.is_production) if self.webhook_private_urls is None else self.webhook_private_urls


@lru_cache
def get_settings() -> Settings:
    return Settings()
