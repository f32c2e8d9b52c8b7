"""People, their roles, their API tokens, and the record of failed logins."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models, transaction
from django.utils import timezone

from kindvoice.privacy import data_rights
from kindvoice.privacy.fields import EncryptedTextField


class Role(models.TextChoices):
    PERSON = "person", "Person"
    THERAPIST = "therapist", "Therapist"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        return self.create_user(email, password, role=Role.ADMIN, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))


def normalize_email(email: str) -> str:
    # The whole address is lowercased: people type their email in many ways and expect
    # each of them to find their account.
    return email.strip().lower()


class User(AbstractBaseUser):
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PERSON)
    display_name = EncryptedTextField("what you would like to be called", blank=True, default="")
    intention = EncryptedTextField("what brings you here", blank=True, default="")
    region = models.CharField("where you live (for helplines)", max_length=16, blank=True, default="")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    export_exclude = ("password",)

    @classmethod
    def of(cls, request: Any) -> User:
        """The person signed in to this request (the views that call it require a login)."""
        user = request.user
        assert isinstance(user, cls)
        return user

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    # The admin site asks these; only the admin role may enter it.
    @property
    def is_staff(self) -> bool:
        return self.is_admin

    @property
    def is_superuser(self) -> bool:
        return self.is_admin

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_admin

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_admin

    @property
    def greeting_name(self) -> str:
        return self.display_name or "there"

    def export_data(self) -> dict[str, Any]:
        """Everything kindvoice holds about this person, as documented in docs/data-export.md."""
        return data_rights.export(self)

    def delete_account(self) -> None:
        """Remove every row of this person, then scrub what the database may still hold."""
        with transaction.atomic():
            FailedLogin.forget(self.email)
            data_rights.delete_sessions_of(self)
            data_rights.delete_admin_log_about(self)
            self.delete()
        data_rights.scrub_database()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _keyed_digest(text: str) -> str:
    # Keyed, because an email has little entropy: a plain hash could be matched against a
    # list of known addresses to learn who had failed logins.
    return hmac.new(settings.SECRET_KEY.encode(), text.encode("utf-8"), hashlib.sha256).hexdigest()


class AccessToken(models.Model):
    """A personal access token for the API. Only its SHA-256 digest is stored.

    Tokens carry 256 bits of randomness, so a fast hash is enough: there is nothing to
    guess, and a slow hash would slow every API call.
    """

    PREFIX = "kv_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens")
    name = EncryptedTextField()
    hint = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)

    export_exclude = ("digest",)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created"]

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[AccessToken, str]:
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, hint=secret[:8], digest=_digest(secret))
        return token, secret

    @classmethod
    def user_for(cls, secret: str) -> User | None:
        token = cls.objects.select_related("user").filter(digest=_digest(secret)).first()
        if token is None or not token.user.is_active:
            return None
        # Update only the timestamp, and at most once a minute, to keep API calls cheap.
        now = timezone.now()
        if token.last_used is None or now - token.last_used > timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used=now)
        return token.user


class FailedLogin(models.Model):
    """One failed login, keyed by a digest of the email or of the address it came from."""

    key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"failed login at {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def limits_for(email: str, address: str) -> dict[str, int]:
        """The keys a login attempt counts against, each with its own limit.

        An address gets more room than an email: many people may share one (a clinic,
        a household), and locking them all out for one person's typos would be unkind.
        """
        attempts = settings.LOGIN_ATTEMPTS
        return {
            _keyed_digest("email:" + normalize_email(email)): attempts,
            _keyed_digest("address:" + address): attempts * 4,
        }

    @classmethod
    def minutes_left(cls, limits: dict[str, int]) -> int:
        """How long this login must wait, in whole minutes; 0 when it may go ahead."""
        window = timedelta(minutes=settings.LOGIN_PAUSE_MINUTES)
        now = timezone.now()
        for key, limit in limits.items():
            recent = list(
                cls.objects.filter(key=key, at__gte=now - window).order_by("-at").values_list("at", flat=True)[:limit]
            )
            if len(recent) >= limit:
                return max(1, int((recent[0] + window - now).total_seconds() // 60) + 1)
        return 0

    @classmethod
    def record(cls, limits: dict[str, int]) -> None:
        FailedLogin.objects.bulk_create([FailedLogin(key=key) for key in limits])
        # Old rows serve no purpose; drop them as we go rather than with a cron job.
        cls.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()

    @classmethod
    def forget(cls, email: str) -> None:
        cls.objects.filter(key=_keyed_digest("email:" + normalize_email(email))).delete()
