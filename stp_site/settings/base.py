"""Settings shared by every environment. Environment files override only what differs."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Site-wide features are small apps inside stp_site/; each section of the site is an app of its own.
INSTALLED_APPS = [
    "stp_site.core",
    "stp_site.home",
    "stp_site.partners",
    "stp_site.glossary",
    "stp_site.plain_english",
    "stp_site.search",
    "stp_site.redirects",
    "stp_site.content_review",
    "stp_site.partnerships",
    "stp_site.site_merge",
    "stp_site.governance",
    "stp_site.involvement_record",
    "stp_site.page_feedback",
    "stp_site.consultations",
    "stp_site.email_updates",
    "stp_site.frontend_cache",
    "programmes",
    "news",
    "get_involved",
    "stp_site.events",
    "wagtailnhsukfrontend",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stp_site.middleware.SecurityHeadersMiddleware",
    "stp_site.middleware.RejectNulBytesMiddleware",
    # Before the page cache: a merged site's host answers only with redirects (docs/merging-sites.md).
    "stp_site.site_merge.middleware.SiteMergeMiddleware",
    "stp_site.core.page_cache.PageCacheMiddleware",
    "stp_site.frontend_cache.middleware.FrontendCacheHeadersMiddleware",  # inside it: its copies keep the headers
    "stp_site.core.cached_site.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "stp_site.redirects.middleware.RedirectMiddleware",
    "get_involved.middleware.KeepSignUpsWhileDatabaseIsDownMiddleware",
]

# Anonymous pages are cached whole for this long at most; publishing makes them stale at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# The query parameters public pages read. Others (tracking codes, junk) share the page's one copy.
PAGE_CACHE_QUERY_PARAMETERS = {"q", "page", "programme", "year"}
# Rendered fragments (header, footer, a page's content; stp_site/core/fragments.py) live this long at
# most; publishing makes them stale at once. They are used whether or not the whole-page cache is on.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
# Front-end caches (Varnish) to purge on publish, e.g. ["http://10.0.0.5:6082"] (docs/deploy.md); none: no purges.
FRONTEND_CACHE_URLS = [url.strip() for url in os.environ.get("FRONTEND_CACHE_URLS", "").split(",") if url.strip()]

ROOT_URLCONF = "stp_site.urls"
WSGI_APPLICATION = "stp_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

WAGTAIL_SITE_NAME = "Together We're Better"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "csv", "pptx", "txt"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = True
# Pages keep their history so "page last reviewed" and moderation have an audit trail.
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# wagtail-nhsuk-frontend's optional settings app is not installed (we keep our own site settings).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Django's request logger prints the request line only, never POST bodies.
        "django.request": {"level": "WARNING"},
        # One line per background task is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
    },
}

# Security headers applied by stp_site.middleware.SecurityHeadersMiddleware.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-src 'self'; "
    "base-uri 'self'; object-src 'none'; frame-ancestors 'none'"
)
# Wagtail's admin uses inline scripts and styles; it gets a looser policy of its own.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "stp_site.views.csrf_failure"

# Each app builds its own demo pages; they run in this order (later ones link to earlier ones).
# The port the demo sites are stored with (their full addresses in sitemaps and feeds); `make run`
# serves on 8000 (dev.py).
DEMO_SITE_PORT = 80
DEMO_CONTENT_LOADERS = [
    "stp_site.home.demo.load",
    "stp_site.partners.demo.load",
    "programmes.demo.load",
    "news.demo.load",
    "get_involved.demo.load",
    "stp_site.governance.demo.load",
    "stp_site.glossary.demo.load",
    "stp_site.search.demo.load",
    "stp_site.redirects.demo.load",
    "stp_site.page_feedback.demo.load",
    "stp_site.consultations.demo.load",
    "stp_site.events.demo.load",  # after consultations: events name the consultation they are part of
    "stp_site.email_updates.demo.load",
    "stp_site.involvement_record.demo.load",  # after consultations and events: their demo responses
    "stp_site.partnerships.demo.load",  # last: files the partnership's demo documents in its collection
]

# Merging one partnership's site into another's (stp_site/site_merge, docs/merging-sites.md): the page
# types a site has one of, merged by default into the other site's page of the same type (B's news items
# go into A's news). Every other page goes, with the pages below it, into a section of A's for B.
SITE_MERGE_SECTION_TYPES = [
    "news.NewsIndexPage",
    "programmes.ProgrammeIndexPage",
    "partners.PartnerIndexPage",
    "get_involved.GetInvolvedPage",
    "get_involved.ReferenceGroupIndexPage",
    # B's consultations join A's list (each exercise keeps its own page, responses and outcome).
    "consultations.ConsultationIndexPage",
    "events.EventIndexPage",  # B's events join A's events page (each keeps its bookings)
    "glossary.GlossaryPage",
    # How we are run, and its meetings page: B's boards and committees join A's section (each keeps its
    # own page and meetings), and B's meetings join A's meetings page.
    "governance.GovernancePage",
    "governance.MeetingIndexPage",
    # A's publication scheme lists what is tagged anywhere on the merged site, so B's goes (its address
    # leads to A's). B's registers are kept beside A's: each is a board's record.
    "governance.PublicationSchemePage",
]

# No calls home from the admin: the update check would be a third-party request.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Reference group sign-ups (get_involved; see docs/data-protection.md).
# Per-IP limit on sign-up POSTs (django-ratelimit, which counts in the "default" cache: use Redis in
# production so every gunicorn worker shares the count).
SIGNUP_RATE_LIMIT = os.environ.get("SIGNUP_RATE_LIMIT", "30/h")
# Staff are alerted (log and admin dashboard) when an hour brings this many sign-up posts from all addresses.
SIGNUP_FLOOD_ALERT = int(os.environ.get("SIGNUP_FLOOD_ALERT", "100"))
# A form sent back sooner than this after it was shown is treated as a bot. There is no maximum.
SIGNUP_MIN_SECONDS = float(os.environ.get("SIGNUP_MIN_SECONDS", "3"))
# How long a sign-up waits for a locked table before the resident is asked to try again.
SIGNUP_DB_LOCK_TIMEOUT_MS = int(os.environ.get("SIGNUP_DB_LOCK_TIMEOUT_MS", "5000"))
# Seconds to wait for the mail server when telling coordinators about a sign-up (the resident is waiting).
SIGNUP_MAIL_TIMEOUT = int(os.environ.get("SIGNUP_MAIL_TIMEOUT", "10"))
# Where a sign-up waits, on local disk, while the database cannot take it (get_involved/spool.py). It must
# survive a restart (not a temp folder) and be writable by the app user alone.
SIGNUP_SPOOL_DIR = os.environ.get("SIGNUP_SPOOL_DIR", str(BASE_DIR / "var" / "signup-spool"))
# A worker replays the spool after serving a request at most this often (and `replay_spooled_signups` does).
SIGNUP_SPOOL_REPLAY_SECONDS = float(os.environ.get("SIGNUP_SPOOL_REPLAY_SECONDS", "10"))

# "Is this page useful?" (stp_site/page_feedback, docs/page-feedback.md). Votes and comments per address
# per hour (django-ratelimit, in the "default" cache, like sign-ups).
PAGE_FEEDBACK_RATE_LIMIT = os.environ.get("PAGE_FEEDBACK_RATE_LIMIT", "30/h")
# How long the token in a page's form is good for (the page may sit in a cache, or a tab, for a while).
PAGE_FEEDBACK_TOKEN_SECONDS = int(os.environ.get("PAGE_FEEDBACK_TOKEN_SECONDS", str(24 * 60 * 60)))
# How long after a vote its comment may be sent.
PAGE_FEEDBACK_COMMENT_SECONDS = int(os.environ.get("PAGE_FEEDBACK_COMMENT_SECONDS", str(2 * 60 * 60)))
# Comments are blanked this many days after they were sent (the yes/no counts are kept): they may hold
# personal details despite the warning. Done by the daily purge_expired_signups.
PAGE_FEEDBACK_COMMENT_DAYS = int(os.environ.get("PAGE_FEEDBACK_COMMENT_DAYS", "180"))
# The "least useful" ordering of the report ranks only pages with at least this many votes.
PAGE_FEEDBACK_MIN_VOTES = int(os.environ.get("PAGE_FEEDBACK_MIN_VOTES", "5"))

# Background tasks (django-tasks). Wagtail's own (search index, reference index) run at once, in the
# request, as before. Email to residents (stp_site/email_updates, the consultations' outcome emails) goes
# through a real queue: rows in PostgreSQL that
# the worker, `manage.py db_worker --backend mail`, sends (docs/deploy.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Email updates (stp_site/email_updates, docs/email-updates.md).
# Sign-up posts per address per hour (django-ratelimit, in the "default" cache, like sign-ups).
EMAIL_UPDATES_RATE_LIMIT = os.environ.get("EMAIL_UPDATES_RATE_LIMIT", "10/h")
# How long a confirmation link works; an unconfirmed subscription is deleted after this too.
EMAIL_UPDATES_CONFIRM_DAYS = int(os.environ.get("EMAIL_UPDATES_CONFIRM_DAYS", "7"))
# Emails sent over one SMTP connection before the worker opens the next.
EMAIL_UPDATES_BATCH_SIZE = int(os.environ.get("EMAIL_UPDATES_BATCH_SIZE", "100"))
# The mailbox in every email's List-Unsubscribe header beside the one-click link (default: the sender).
EMAIL_UPDATES_UNSUBSCRIBE_MAILTO = os.environ.get("EMAIL_UPDATES_UNSUBSCRIBE_MAILTO", "")

# Staff sign-in (issue 12; stp_site/staff_sign_in, docs/staff-accounts.md): two-step verification for every
# staff account (django-otp: an authenticator app and recovery codes; django-otp-webauthn: passkeys), a
# lockout after repeated failures (django-axes) and sessions that end after a working day or an hour idle.
INSTALLED_APPS += [
    "stp_site.staff_sign_in",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
]
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",
    "stp_site.staff_sign_in.middleware.StaffSessionMiddleware",
    "stp_site.staff_sign_in.middleware.RequireTwoFactorMiddleware",
]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into the sign-in page's message
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_ID_CALLABLE = "stp_site.staff_sign_in.passkeys.relying_party_id"
# Browsers allow passkeys on https:// and on http://localhost only (so locally, open localhost:8000).
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]  # production.py: the admin's https:// address
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is a second step, after the password
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "stp_site.proxies.client_address"
AXES_LOCKOUT_CALLABLE = "stp_site.staff_sign_in.lockout.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "code", "recovery_code", "csrfmiddlewaretoken"]
# axes's log lines carry addresses and browsers: only its errors are logged; the lockout logs the username.
AXES_VERBOSE = False
# No table of every sign-in's address: Wagtail keeps each user's last sign-in; failures are kept until the cool-off.
AXES_DISABLE_ACCESS_LOG = True
LOGGING["loggers"]["axes"] = {"level": "ERROR"}
SESSION_COOKIE_AGE = 8 * 60 * 60
STAFF_SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60
STAFF_SESSION_IDLE_SECONDS = 60 * 60
