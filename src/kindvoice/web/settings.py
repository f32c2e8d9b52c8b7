"""Django settings, all read through kindvoice.config (one table of environment variables)."""

from __future__ import annotations

import os

from django.utils.csp import CSP

from kindvoice import config
from kindvoice.web import database_url

# Everything kindvoice writes (database, backups, keys) is for its owner's eyes only. Set
# here because every entry point (the CLI, any WSGI server, the tests) passes through here.
os.umask(0o077)

DATA_DIR = config.ensure_data_dir()
SECRET_KEY = config.secret_key()
DEBUG = config.get_bool("KINDVOICE_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in config.get("KINDVOICE_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # In INSTALLED_APPS so the API docs use ninja's bundled assets, not a CDN.
    "ninja",
    "kindvoice.web",
    "kindvoice.apps.accounts",
    "kindvoice.apps.journal",
    "kindvoice.apps.practices",
    "kindvoice.apps.measures",
    "kindvoice.apps.care",
]

MIDDLEWARE = [
    "kindvoice.web.middleware.api_errors_as_json",
    "kindvoice.web.middleware.reject_bad_bodies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "kindvoice.web.middleware.permissions_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kindvoice.web.middleware.KindvoiceErrors",
]

ROOT_URLCONF = "kindvoice.web.urls"
WSGI_APPLICATION = "kindvoice.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_url.parse(config.get("DATABASE_URL"), DATA_DIR / config.SQLITE_FILE)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "kindvoice.apps.accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
MAX_CONCURRENT_PASSWORD_CHECKS = config.get_int("KINDVOICE_PASSWORD_CHECKS", minimum=1)
LOGIN_ATTEMPTS = config.get_int("KINDVOICE_LOGIN_ATTEMPTS", minimum=1)
LOGIN_PAUSE_MINUTES = config.get_int("KINDVOICE_LOGIN_PAUSE_MINUTES", minimum=1)

# Cookies: never readable from scripts, never sent cross-site on a POST.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = config.get_bool("KINDVOICE_SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_NAME = "kv_session"
CSRF_COOKIE_NAME = "kv_csrf"
CSRF_FAILURE_VIEW = "kindvoice.web.errors.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_HTTPS_PROXY = config.get_bool("KINDVOICE_HTTPS")
TRUSTED_PROXY = config.get("KINDVOICE_TRUSTED_PROXY")
if BEHIND_HTTPS_PROXY:
    # waitress (see ops/server.py) takes the scheme and client address from the trusted
    # proxy's X-Forwarded-* headers, so Django sees https and the real client address.
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

# No inline script or style anywhere: every script and stylesheet is a file we serve.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

MAX_BODY_BYTES = config.get_int("KINDVOICE_MAX_BODY_KB", minimum=16) * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

STATIC_URL = "/static/"
# Serve straight from the package: no collectstatic step to forget on a new machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING"},
        "kindvoice": {"handlers": ["stderr"], "level": "INFO"},
    },
}
