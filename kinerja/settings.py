"""Kinerja settings: one module, every value read from the environment (healthchecks style)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.getenv("KINERJA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


TRUE_WORDS = frozenset({"1", "true", "yes", "on", "ya"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "tidak", ""})


def envbool(name: str, default: str) -> bool:
    """A yes/no setting. A value that is neither (`DEBUG=flase`) stops start-up instead of quietly
    meaning "no": a typo in a security setting must not pass unseen."""
    value = os.getenv(name, default).strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"{name}={value!r} bukan nilai ya/tidak; gunakan salah satu dari "
        f"{sorted(TRUE_WORDS)} atau {sorted(FALSE_WORDS - {''})}."
    )


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/ (never committed)."""
    if key := os.getenv("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", "False")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# The kab/kota this deployment serves (contract section 0).
KINERJA_KODE_WILAYAH = os.getenv("KINERJA_KODE_WILAYAH", "63.72")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "kinerja.regions",
    "kinerja.organisation",
    "kinerja.audit",
    "kinerja.indicators",
    "kinerja.registries",
    "kinerja.performance",
    "kinerja.sakip",
    "kinerja.reports",
    "kinerja.evaluasi",
    "kinerja.pdp",
    "kinerja.api",
    "kinerja.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kinerja.web.middleware.GZipTextMiddleware",  # below WhiteNoise: pages only (D212)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.web.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kinerja.web.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.web.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.web.context.kinerja",
                "kinerja.performance.context.menunggu",
                "kinerja.evaluasi.context.tindak_lanjut",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT for the web's queries (D260): a search whose estimate crosses jit_above_cost paid 1.6 s of
    # LLVM compilation to run a 0.1 s plan. The summary builds had already turned it off (D103).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, as deployments do: a second connection (the import's writer thread, the
    # live server of the browser tests) then sees committed rows, as in production (D19g).
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.getenv("SQLITE_TEST_NAME") or str(
        VAR_DIR / "test-db.sqlite3"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "home"

# Two-factor sign-in (TOTP app, django-otp; D87): required for the roles that see full NIK (staf,
# kabid, admin) unless turned off; every other role may choose it on /akun/dua-faktor/.
KINERJA_2FA_WAJIB = envbool("KINERJA_2FA_WAJIB", "True")
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "Kinerja Dinas Sosial")

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_ENABLED = envbool("AXES_ENABLED", "True")

# Session and cookie hardening. Secure-only cookies need HTTPS: on by default in production.
SECURE_COOKIES = envbool("SECURE_COOKIES", "False" if DEBUG else "True")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
if envbool("USE_X_FORWARDED_PROTO", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly (filters `angka`, `persen`): a global separator would print
# years as 2.025.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

# Computed counts are cached under keys that include a stamp of the registries' content, so a cached
# figure is never stale (kinerja/indicators/engine/cache.py). File-based: shared by gunicorn workers.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": os.getenv(
            "FIGURE_CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"
        ),
        "LOCATION": os.getenv("FIGURE_CACHE_LOCATION", str(VAR_DIR / "cache" / "figures")),
        "OPTIONS": {"MAX_ENTRIES": envint("FIGURE_CACHE_MAX_ENTRIES", "20000")},
    },
}

TASKS = {"default": {"BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The API answers JSON only; its browsable page is the OpenAPI one at /api/dokumentasi/ (D81).
# Token first: an anonymous request gets 401 with `WWW-Authenticate: Token` (D80).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kinerja.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        # HTTP Basic, refused for accounts that must use a second factor (D87).
        "kinerja.organisation.twofactor.PasswordOnlyAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kinerja.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kinerja API",
    "DESCRIPTION": (
        "API baca-saja Kinerja: katalog IKU, angka per periode dan wilayah, dan unit di balik angka. "
        "Masuk dengan sesi (peramban), token (`Authorization: Token ...`) atau basic auth. "
        "Panduan: docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Assets from the drf-spectacular-sidecar package, served by WhiteNoise: no CDN (offline LAN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator badge: the page must work without the internet.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True, "tryItOutEnabled": False},
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# Data quality: a registration still open this many years after tanggal_daftar is flagged.
KINERJA_REGISTRASI_TERBUKA_TAHUN = envint("KINERJA_REGISTRASI_TERBUKA_TAHUN", "3")
# Imports write batch N in a second thread while batch N+1 is checked (D19g); 0 turns it off.
KINERJA_IMPOR_PARALEL = envint("KINERJA_IMPOR_PARALEL", "1") != 0
# Uploaded files, their previews and rejects (raw NIK) are deleted this many days after their last
# change, by the worker after each web import and by `kinerja unggah_bersihkan` (D67).
KINERJA_RETENSI_UNGGAH_HARI = envint("KINERJA_RETENSI_UNGGAH_HARI", "30")
# Evidence files (bukti dukung) of typed indicator values, each (issue 15).
KINERJA_BUKTI_MAKS_MB = envint("KINERJA_BUKTI_MAKS_MB", "10")
# Bounds on an import file (D110), checked before anything is saved: a file beyond them is refused
# whole (exit 2) in well under a second, however it was built (zip bombs, a cell at XFD1048576).
KINERJA_IMPOR_MAKS_MB = envint("KINERJA_IMPOR_MAKS_MB", "300")  # the file as uploaded
KINERJA_IMPOR_MAKS_BARIS = envint("KINERJA_IMPOR_MAKS_BARIS", "2000000")  # data rows
KINERJA_IMPOR_MAKS_KOLOM = envint("KINERJA_IMPOR_MAKS_KOLOM", "200")  # cells in a row
KINERJA_IMPOR_MAKS_SEL = envint("KINERJA_IMPOR_MAKS_SEL", "10000")  # characters in a cell
# XLSX is a zip: its parts' declared uncompressed size (all together) and how much smaller each
# part of more than 1 MB may be packed (ordinary sheets pack 5-20x; a bomb 1000x).
KINERJA_IMPOR_MAKS_XLSX_MB = envint("KINERJA_IMPOR_MAKS_XLSX_MB", "1500")
KINERJA_IMPOR_MAKS_RASIO_ZIP = envint("KINERJA_IMPOR_MAKS_RASIO_ZIP", "100")

# Letterhead and signatory for documents (configurable per deployment).
# The Walikota named on the PK (pihak kedua) until the catalogue carries the office holder.
KINERJA_WALIKOTA_NAMA = os.getenv("KINERJA_WALIKOTA_NAMA", "Walikota Banjarbaru")
KINERJA_KOP = {
    "pemerintah": os.getenv("KINERJA_KOP_PEMERINTAH", "PEMERINTAH KOTA BANJARBARU"),
    "dinas": os.getenv("KINERJA_KOP_DINAS", "DINAS SOSIAL"),
    "alamat": os.getenv(
        "KINERJA_KOP_ALAMAT", "Jl. Ketumbar Kel. Komet (0511) 4781749 Banjarbaru 70711"
    ),
    "email": os.getenv("KINERJA_KOP_EMAIL", "dinsos@banjarbarukota.go.id"),
}

# E-mail notices of work waiting for someone (D165). Printed to the console (the worker's log) by
# default; SMTP with EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST etc.
EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "20")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "kinerja@localhost")
# The address people open the product at, for links inside e-mails (no request to read it from).
KINERJA_ALAMAT_SITUS = os.getenv("KINERJA_ALAMAT_SITUS", "http://127.0.0.1:8000").rstrip("/")
