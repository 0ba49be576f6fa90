"""Every setting of the app, read once from the environment (and `.env`)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from pydantic import AnyHttpUrl, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.core.guessability import guesses_log10
from app.core.public_origin import why_not_public
from app.core.rates import parse_rate

BACKEND_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = BACKEND_DIR.parent

DEV_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - refused in production by _refuse_unsafe_production
DEV_ADMIN_PASSWORD = "change-me-dev-password"  # noqa: S105 - the .env.example value, refused in production
# Database passwords shipped in .env.example and the compose files, or that every scanner tries first.
DEFAULT_DB_PASSWORDS = frozenset(
    {DEV_ADMIN_PASSWORD, "postgres", "password", "hibid", "changeme", "change-me", "secret"}
)
# zxcvbn's guesses (log10) for the key's first 32 characters: random keys (openssl rand -hex 16 or 32)
# score 28-32; "aaaa…", "0123…" or "my-production-secret-key" score under 24 (~80 bits).
SECRET_KEY_MIN_GUESSES_LOG10 = 24


def _origin_problem(origin: str) -> str | None:
    parts = urlsplit(origin)
    if parts.scheme != "https" or not parts.hostname:
        return f"{origin!r} is not an https://host origin"
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return f"{origin!r} must be scheme and host only (like https://email.example.com)"
    return None


def _database_password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:
        return None


class Settings(BaseSettings):
    """Runtime configuration; see `.env.example` for one line on each field."""

    model_config = SettingsConfigDict(
        env_file=(REPO_DIR / ".env", BACKEND_DIR / ".env"),
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    environment: Literal["development", "test", "production"] = "development"
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    # Processes serving this app (uvicorn reads the same WEB_CONCURRENCY for --workers). Above 1,
    # production needs REDIS_URL: in-process rate limits would multiply by the number of processes.
    web_concurrency: int = Field(default=1, ge=1, le=64)

    database_url: str = f"sqlite+aiosqlite:///{BACKEND_DIR / 'data' / 'hibid.db'}"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    # A request that finds every connection busy waits this long, then gets 503 "busy, try again".
    db_pool_timeout_s: float = Field(default=10.0, gt=0, le=60)
    run_migrations_on_start: bool = True
    # Read only so production can refuse the one-host PostgreSQL's shipped default password.
    postgres_password: str | None = None

    storage_backend: Literal["local", "s3"] = "local"
    media_root: Path = BACKEND_DIR / "data" / "media"
    s3_bucket: str = ""
    s3_endpoint_url: str | None = None
    s3_prefix: str = ""
    aws_region: str = "us-east-1"
    presigned_url_ttl_s: int = 3600
    s3_max_attempts: int = Field(default=4, ge=1, le=10)
    # Days a deleted campaign can still be restored by an admin before its files and rows are erased;
    # 0: erased at once. Its /media links answer 404 from the moment it is deleted.
    campaign_retention_days: float = Field(default=0, ge=0, le=365)
    # With a retention window: how often each web process erases the campaigns whose window has ended,
    # so their files go on time even when nobody deletes or lists anything (app/api/retention.py).
    retention_purge_interval_s: float = Field(default=3600, ge=1, le=86_400)

    backend_url: AnyHttpUrl = AnyHttpUrl("http://localhost:8000")
    # Production refuses a BACKEND_URL recipients cannot load images from (http, localhost, private address);
    # a test topology on 127.0.0.1 sets this to start anyway.
    allow_private_backend_url: bool = False
    frontend_url: AnyHttpUrl = AnyHttpUrl("http://localhost:8000")
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:8000", "http://localhost:5173"]
    )
    frontend_dist: Path | None = REPO_DIR / "frontend" / "dist"

    max_upload_mb: float = 5.0
    max_hero_images: int = 3
    max_image_pixels: int = 40_000_000
    email_image_width: int = 1200
    logo_image_width: int = 600
    gif_max_bytes: int = 1_500_000
    # Animated GIFs: canvas pixels × frames, at most (redrawing costs that; 100 M = 1000×1000 × 100 frames).
    gif_max_frame_pixels: int = Field(default=100_000_000, ge=1_000_000)
    # Decoded image bytes in flight per process; large decodes wait for room (a 6320² PNG holds ~240 MB).
    image_decode_budget_mb: int = Field(default=256, ge=64, le=16_384)
    # Photo renditions: threads per process, at a lower CPU priority (Linux nice) than everything else.
    image_workers: int = Field(default=2, ge=1, le=64)
    image_niceness: int = Field(default=5, ge=0, le=19)
    # Work a request waits for (checking uploads, MJML, ZIP, palette): threads per process.
    cpu_workers: int = Field(default=4, ge=1, le=64)
    # Password hashing has its own threads, so a sign-in never queues behind image work.
    password_workers: int = Field(default=2, ge=1, le=16)
    # A reader of a photo another process is still rendering waits until this long after the upload,
    # then renders it itself (the job was lost to a restart). With a job broker: it asks a worker on the
    # `waited` queue and waits this long from then.
    rendition_wait_s: float = Field(default=5.0, ge=0, le=60)
    # With JOBS_BROKER_URL: a download of a ZIP a worker is still building answers 409 package_pending
    # (Retry-After) until this long after the approval, then the web process builds it itself (the job was lost).
    package_wait_s: float = Field(default=30.0, ge=0, le=600)
    # With JOBS_BROKER_URL: a picture proof (PNG) not rendered yet waits this long for a worker to render
    # it, then answers 503 picture_pending (Retry-After). Web processes never start chromium then.
    picture_wait_s: float = Field(default=20.0, ge=1, le=120)

    openai_api_key: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str | None = None
    # POST /process must answer within 5 s: the AI gets at most 4.8 s of it, the rest is our own work.
    ai_deadline_s: float = Field(default=4.0, gt=0, le=4.8)
    ai_max_concurrency: int = Field(default=8, ge=1, le=1000)

    gmail_clip_bytes: int = 102 * 1024
    unsubscribe_placeholder: str = "{{unsubscribe_url}}"
    email_image_budget_bytes: int = 1_000_000
    utm_enabled: bool = True
    utm_source: str = "hibid"
    utm_medium: str = "email"
    utm_campaign: str = ""
    chromium_path: Path = Path("/usr/bin/chromium")
    screenshot_timeout_s: float = 15.0
    screenshot_idle_s: float = 300.0

    redis_url: str | None = None
    # Background jobs (app/jobs): empty runs them in the web process, as `./scripts/dev.sh` does; a
    # redis:// (or rediss://) URL sends them to Dramatiq on that Redis, run by `python -m app.jobs.worker`.
    jobs_broker_url: str | None = None
    # Key prefix of the job queues in that Redis, so several installs (or test runs) can share one.
    jobs_namespace: str = Field(default="hibid-jobs", pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    # Jobs one worker process runs at once (threads; the CPU work itself runs in the image pool).
    jobs_worker_threads: int = Field(default=2, ge=1, le=64)
    # Niceness a worker process adds to itself at start (Linux): where it shares the CPU with web
    # processes (one host), requests then preempt renditions. 0 on a machine or task of its own.
    jobs_worker_niceness: int = Field(default=0, ge=0, le=19)
    # Longest one job may run before it is stopped (and retried); seconds.
    jobs_time_limit_s: float = Field(default=120.0, gt=0, le=3600)
    # Retries of a failed job, with exponential backoff from JOBS_MIN_BACKOFF_S, before it is dead-lettered.
    jobs_max_retries: int = Field(default=5, ge=0, le=50)
    jobs_min_backoff_s: float = Field(default=2.0, gt=0, le=600)
    # A worker silent this long is presumed dead and its unfinished jobs go to another worker; seconds.
    jobs_heartbeat_timeout_s: float = Field(default=60.0, ge=1, le=3600)
    # CloudWatch namespace of the worker's queue metrics (Embedded Metric Format lines on stdout).
    jobs_metrics_namespace: str = "hibid-email/production"
    # Where approved emails load their images from: a CDN origin in front of the bucket's public/
    # prefix (CloudFront in infra/aws/hibid-email-ecs.yaml), e.g. https://img.email.example.com. Empty:
    # images are linked through BACKEND_URL/media, as before.
    public_asset_url: str | None = None
    # Proxies whose X-Forwarded-For uvicorn believes (it reads this same variable): nginx's address.
    # Never "*" in production: any client could then choose the address that limits and logs see.
    forwarded_allow_ips: str = "127.0.0.1"
    secret_key: str = DEV_SECRET_KEY
    sentry_dsn: str | None = None
    sentry_traces_sample_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    sentry_release: str = ""
    metrics_enabled: bool = True
    # /docs, /redoc and /openapi.json; unset: on, except in production (they map the whole API).
    api_docs_enabled: bool | None = None

    access_token_expire_minutes: int = Field(default=480, ge=1, le=60 * 24 * 30)
    allow_signup: bool = True
    first_admin_email: str | None = None
    first_admin_password: str | None = None

    rate_limit_enabled: bool = True
    rate_limit_default: str = "120/minute"
    rate_limit_login: str = "10/minute"
    # Sign-in attempts on one account from all addresses together: guessing from many at once.
    rate_limit_login_account: str = "100/hour"
    rate_limit_upload: str = "20/minute"
    rate_limit_process: str = "30/minute"
    # Review links (no account): every call, per address and per link, so a token cannot be guessed.
    rate_limit_review: str = "60/minute"

    # Delivery (app/delivery): test sends over SMTP, .eml files, pushes to email services.
    # No SMTP_HOST: test sends answer 503 smtp_not_configured and the web app hides the button.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_from: str = "HiBid Email <proofs@example.com>"
    # Longest a whole test send may take (connect, greeting, every command); the API answers 502 after it.
    smtp_timeout_s: float = Field(default=10.0, gt=0, le=14)
    # Addresses one user may send test e-mails to per 24 hours (each address of a send counts).
    test_send_daily_limit: int = Field(default=25, ge=1, le=10_000)
    # An https page that unsubscribes a test recipient (RFC 8058 one-click); empty: mailto SMTP_FROM only.
    test_send_unsubscribe_url: str | None = None
    # DKIM signing of test sends: PEM private key (or a path to one), selector and domain; all three or none.
    dkim_private_key: str | None = None
    dkim_selector: str | None = None
    dkim_domain: str | None = None
    # Fernet key (base64, 32 bytes) encrypting email-service API keys at rest; empty: derived from SECRET_KEY.
    integrations_key: str | None = None
    # Email-service APIs ({dc}: the data centre at the end of a Mailchimp key, e.g. us21).
    mailchimp_api_base: str = "https://{dc}.api.mailchimp.com/3.0"
    sendgrid_api_base: str = "https://api.sendgrid.com"
    klaviyo_api_base: str = "https://a.klaviyo.com"
    constant_contact_api_base: str = "https://api.cc.email/v3"
    # Longest one call to an email service may take, seconds.
    esp_timeout_s: float = Field(default=10.0, gt=0, le=10)
    # What the footer's "View in browser" link points at until an email service fills it in.
    view_in_browser_placeholder: str = "{{view_in_browser_url}}"

    @field_validator(
        "frontend_dist",
        "s3_endpoint_url",
        "openai_api_key",
        "openai_base_url",
        "redis_url",
        "jobs_broker_url",
        "public_asset_url",
        "sentry_dsn",
        "first_admin_email",
        "first_admin_password",
        "api_docs_enabled",
        "postgres_password",
        "smtp_host",
        "smtp_username",
        "smtp_password",
        "test_send_unsubscribe_url",
        "dkim_private_key",
        "dkim_selector",
        "dkim_domain",
        "integrations_key",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "rate_limit_default",
        "rate_limit_login",
        "rate_limit_login_account",
        "rate_limit_upload",
        "rate_limit_process",
        "rate_limit_review",
    )
    @classmethod
    def _valid_rate(cls, value: str) -> str:
        parse_rate(value)  # a typo must stop the start, not silently disable a limit
        return value

    @field_validator("integrations_key")
    @classmethod
    def _valid_fernet_key(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Fernet(value.encode())  # a wrong key must stop the start, not fail each connected account later
            except ValueError as exc:
                raise ValueError(
                    "INTEGRATIONS_KEY must be a Fernet key: 32 url-safe base64-encoded bytes "
                    '(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")'
                ) from exc
        return value

    @model_validator(mode="after")
    def _dkim_all_or_none(self) -> "Settings":
        given = [n for n in ("dkim_private_key", "dkim_selector", "dkim_domain") if getattr(self, n)]
        if given and len(given) != 3:
            raise ValueError("DKIM_PRIVATE_KEY, DKIM_SELECTOR and DKIM_DOMAIN go together: set all three or none")
        return self

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment != "production":
            return self
        problems = []
        if self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be set to a random value of 32+ characters")
        elif guesses_log10(self.secret_key) < SECRET_KEY_MIN_GUESSES_LOG10:
            problems.append(
                "SECRET_KEY is too easy to guess (repeats like 'aaaa…', sequences or words): "
                "use a random value, e.g. `openssl rand -hex 32`"
            )
        if (reason := why_not_public(self.public_base_url)) and not self.allow_private_backend_url:
            problems.append(
                f"BACKEND_URL must be the public https:// origin recipients load email images from ({reason}); "
                "set ALLOW_PRIVATE_BACKEND_URL=true only for a test topology"
            )
        if "*" in self.allowed_origins:
            problems.append("ALLOWED_ORIGINS must list origins, not '*'")
        else:
            bad = [p for p in map(_origin_problem, self.allowed_origins) if p]
            if bad:
                problems.append("ALLOWED_ORIGINS must be https:// origins of the web app: " + ", ".join(bad))
        db_password = _database_password(self.database_url)
        if db_password is not None and db_password.lower() in DEFAULT_DB_PASSWORDS:
            problems.append("DATABASE_URL uses a default password; set a random one (openssl rand -hex 24)")
        if self.postgres_password is not None and self.postgres_password.lower() in DEFAULT_DB_PASSWORDS:
            problems.append("POSTGRES_PASSWORD is a default value; set a random one (openssl rand -hex 24)")
        if self.web_concurrency > 1 and not self.redis_url:
            problems.append(
                f"WEB_CONCURRENCY={self.web_concurrency} needs REDIS_URL: without it every process keeps its own "
                "rate limits, so each limit is multiplied by the number of processes"
            )
        if "*" in (ip.strip() for ip in self.forwarded_allow_ips.split(",")):
            problems.append(
                "FORWARDED_ALLOW_IPS must name the proxy (nginx's address), not '*': with '*' a client "
                "chooses the address that rate limits and logs see"
            )
        if self.debug:
            problems.append("DEBUG must be off")
        if self.first_admin_password is not None and (
            self.first_admin_password == DEV_ADMIN_PASSWORD or len(self.first_admin_password) < 12
        ):
            problems.append("FIRST_ADMIN_PASSWORD must be changed from the dev value (12+ characters)")
        if problems:
            raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def max_request_bytes(self) -> int:
        """Largest upload request: every file at its limit plus room for the text fields."""
        return self.max_upload_bytes * (1 + self.max_hero_images) + 1024 * 1024

    @property
    def serve_api_docs(self) -> bool:
        if self.api_docs_enabled is not None:
            return self.api_docs_enabled
        return self.environment != "production"

    @property
    def public_base_url(self) -> str:
        return str(self.backend_url).rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
