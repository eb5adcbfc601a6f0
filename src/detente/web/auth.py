"""Users, roles, API tokens, signed sessions, CSRF tokens and the login rate limit.

Passwords are hashed with argon2 (``argon2-cffi``, the maintained reference binding of the
password-hashing competition winner), so we never write our own hashing. Sessions and CSRF
tokens are signed with ``itsdangerous`` using a secret kept in the store (``detente_meta``),
so sessions survive a restart of the server. API tokens are random; only their SHA-256 is
stored. With no users at all the server is read-only.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..errors import QueryError
from ..store import Store
from ..store.database import utcnow

log = logging.getLogger(__name__)

ROLES = ("viewer", "reviewer", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
SESSION_COOKIE = "detente_session"
CSRF_COOKIE = "detente_csrf"
SESSION_MAX_AGE = 12 * 3600
MIN_PASSWORD = 8
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user holds ``role`` or a higher one (admin > reviewer > viewer)."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def check_role(role: str) -> str:
    if role not in ROLES:
        raise QueryError(f"unknown role {role!r}; use one of {', '.join(ROLES)}.")
    return role


def add_user(store: Store, name: str, password: str, role: str = "viewer") -> User:
    """Create a user (or reset an existing user's password and role)."""
    check_role(role)
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise QueryError("a user name is 1 to 64 characters without spaces.")
    if len(password) < MIN_PASSWORD:
        raise QueryError(f"a password needs at least {MIN_PASSWORD} characters.")
    with store.transaction() as con:
        con.execute(
            "INSERT INTO users VALUES (?, ?, ?, ?, FALSE) ON CONFLICT (name) DO UPDATE SET "
            "password_hash = excluded.password_hash, role = excluded.role, disabled = FALSE",
            [name, _hasher.hash(password), role, utcnow()],
        )
    return User(name, role)


def list_users(store: Store) -> list[dict]:
    return store.query("SELECT name, role, created_at, disabled FROM users ORDER BY name")


def remove_user(store: Store, name: str) -> None:
    if not store.query("SELECT name FROM users WHERE name = ?", [name]):
        raise QueryError(f"no user named {name!r}.")
    with store.transaction() as con:
        con.execute("DELETE FROM api_tokens WHERE user_name = ?", [name])
        con.execute("DELETE FROM users WHERE name = ?", [name])


def has_users(store: Store) -> bool:
    return bool(store.scalar("SELECT count(*) FROM users WHERE NOT disabled"))


def get_user(store: Store, name: str) -> User | None:
    rows = store.query("SELECT name, role FROM users WHERE name = ? AND NOT disabled", [name])
    return User(rows[0]["name"], rows[0]["role"]) if rows else None


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when ``password`` is theirs, else None (unknown names cost a hash too)."""
    rows = store.query(
        "SELECT name, role, password_hash FROM users WHERE name = ? AND NOT disabled", [name]
    )
    stored = rows[0]["password_hash"] if rows else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(rows[0]["name"], rows[0]["role"]) if rows else None


_DUMMY_HASH = _hasher.hash("not a real password, only to spend the same time")


def create_token(store: Store, user: str, label: str | None = None) -> str:
    """A new API token for ``user``; only its hash is kept, so show it once."""
    if get_user(store, user) is None:
        raise QueryError(f"no user named {user!r}; add one with `detente users add`.")
    token = "dt_" + secrets.token_urlsafe(32)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, NULL)",
            [_token_hash(token), user, label, utcnow()],
        )
    return token


def user_for_token(store: Store, token: str) -> User | None:
    rows = store.query(
        "SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name "
        "WHERE t.token_hash = ? AND NOT u.disabled",
        [_token_hash(token)],
    )
    return User(rows[0]["name"], rows[0]["role"]) if rows else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def store_secret(store: Store) -> str:
    """The signing secret kept in the store, created on first use."""
    secret = store.scalar("SELECT value FROM detente_meta WHERE key = 'web_secret'")
    if secret:
        return secret
    secret = secrets.token_urlsafe(48)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO detente_meta VALUES ('web_secret', ?) ON CONFLICT DO NOTHING", [secret]
        )
    return store.scalar("SELECT value FROM detente_meta WHERE key = 'web_secret'")


class Signer:
    """Signs session cookies and CSRF tokens."""

    def __init__(self, secret: str) -> None:
        self._sessions = URLSafeTimedSerializer(secret, salt="detente-session")
        self._csrf = URLSafeTimedSerializer(secret, salt="detente-csrf")

    def session(self, user: User) -> str:
        return self._sessions.dumps({"user": user.name})

    def session_user(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        return data.get("user") if isinstance(data, dict) else None

    def csrf_token(self, nonce: str) -> str:
        return self._csrf.dumps(nonce)

    def csrf_valid(self, token: str | None, nonce: str | None) -> bool:
        if not token or not nonce:
            return False
        try:
            return secrets.compare_digest(
                str(self._csrf.loads(token, max_age=SESSION_MAX_AGE)), nonce
            )
        except BadSignature:
            return False


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


class LoginLimiter:
    """At most ``attempts`` failed logins per client address in a sliding ``window`` of seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0, clock=time.monotonic) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked_for(self, client: str) -> float:
        """Seconds until ``client`` may try again; 0 when it may now."""
        with self._lock:
            recent = self._prune(client)
            if len(recent) < self.attempts:
                return 0.0
            return max(0.0, recent[0] + self.window - self.clock())

    def failed(self, client: str) -> None:
        with self._lock:
            self._prune(client).append(self.clock())

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _prune(self, client: str) -> deque[float]:
        recent, now = self._failures[client], self.clock()
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        return recent
