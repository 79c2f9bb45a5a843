"""Runs DiracX's jobs router tests over HTTP against a running Jobstream stack.

DiracX's tests (diracx-routers/tests/jobs/) build an in-process FastAPI app on fresh databases and
hand each test a TestClient. This file stands in for diracx-testing's fixtures: each client is an
HTTP session to the stack's entry point carrying a token signed by the stack's key, with the claims
DiracX's fixture puts in its own (vo lhcb, group test_group, NormalUser or JobAdministrator). What
the tests import from DiracX beyond diracx-core's models (the router's example payloads, the token
signer, a few packages this machine lacks) is provided here; nothing of DiracX is copied.

Not product code, and not part of ./jobstream test: see README.md.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import contextlib
import os
import sys
import time
import types
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

STACK_ROOT = Path(os.environ.get("JOBSTREAM_ROOT", Path(__file__).resolve().parents[2]))
BASE_URL = os.environ.get("JOBSTREAM_BASE_URL", f"http://127.0.0.1:{os.environ.get('JOBSTREAM_PORT', '8000')}")
KEY_FILE = Path(os.environ.get("JOBSTREAM_KEYS", STACK_ROOT / ".jobstream" / "keys")) / "jwt-private.pem"
DIRACX_SRC = Path(os.environ["DIRACX_SRC"])
ISSUER = "jobstream-local"
AUDIENCE = "jobstream"


# --------------------------------------------------------------------------- tokens
def _sign(payload: dict) -> str:
    """An RS256 token of the stack's key with the stack's issuer and audience (what ./jobstream token makes)."""
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    claims = dict(payload)
    claims["iss"] = ISSUER
    claims["aud"] = AUDIENCE
    # DiracX's admin fixture has no expiry; Jobstream refuses a token without one.
    exp = claims.get("exp") or datetime.now(tz=timezone.utc) + timedelta(hours=1)
    claims["exp"] = int(exp.timestamp()) if isinstance(exp, datetime) else int(exp)
    claims.setdefault("jti", str(uuid.uuid4()))
    key = RSAKey.import_key(KEY_FILE.read_bytes())
    return jwt.encode({"alg": "RS256", "kid": "jobstream-local"}, claims, key)


def _sign_token_payload(payload, settings=None):  # noqa: ARG001 - DiracX's signature
    return _sign(payload)


# ----------------------------------------------------------------- modules DiracX's tests import
def _module(name: str, **attributes) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    return module


def _router_examples() -> dict:
    """The EXAMPLE_* payloads of DiracX's jobs router, read from its source (literals, and
    expressions of the current time such as str(datetime.now(timezone.utc)))."""
    examples = {}
    for source in (DIRACX_SRC / "diracx-routers/src/diracx/routers/jobs").glob("*.py"):
        for node in ast.parse(source.read_text()).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name.startswith("EXAMPLE_"):
                    try:
                        examples[name] = ast.literal_eval(node.value)
                    except ValueError:
                        expression = compile(ast.Expression(node.value), str(source), "eval")
                        examples[name] = eval(expression, {"__builtins__": {"str": str},  # noqa: S307
                                                           "datetime": datetime, "timezone": timezone})
    return examples


class _TestClient:  # only a type in DiracX's tests
    pass


class _AuthSettings:  # only a type and a fixture in DiracX's tests
    pass


class _HttpxLike:
    """What the tests use of httpx2: post/get of the store's presigned URLs."""

    @staticmethod
    def post(url, data=None, files=None, **kwargs):
        return requests.post(url, data=data, files=files, timeout=30, **kwargs)

    @staticmethod
    def get(url, **kwargs):
        return requests.get(url, timeout=30, **kwargs)


def _freeze_time(*args, **kwargs):  # noqa: ARG001
    return pytest.mark.skip(reason="freezegun: the server's clock cannot be frozen over HTTP")


_module("fastapi")
_module("fastapi.testclient", TestClient=_TestClient)
_module("freezegun", freeze_time=_freeze_time)
_module("httpx2", post=_HttpxLike.post, get=_HttpxLike.get)
_module("uuid_utils", uuid7=uuid.uuid4)
_module("diracx.routers")
_module("diracx.routers.jobs", **_router_examples())
_module("diracx.logic")
_module("diracx.logic.auth")
_module("diracx.logic.auth.token", _sign_token_payload=_sign_token_payload)
_module("diracx.core.settings", AuthSettings=_AuthSettings)
_module("diracx.core.properties", NORMAL_USER="NormalUser", JOB_ADMINISTRATOR="JobAdministrator",
        GENERIC_PILOT="GenericPilot")


# ------------------------------------------------------------------------------------ clients
class HttpClient(requests.Session):
    """A TestClient's interface over HTTP: paths are relative to the entry point."""

    def __init__(self, token: str, payload: dict):
        super().__init__()
        self.headers["Authorization"] = f"Bearer {token}"
        self.dirac_token_payload = payload

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 120)
        response = super().request(method, BASE_URL + url if url.startswith("/") else url, *args, **kwargs)
        # Like DiracX's clients: a 503 with Retry-After (read models catching up) is sent again.
        deadline = time.monotonic() + 60
        while response.status_code == 503 and "Retry-After" in response.headers and time.monotonic() < deadline:
            time.sleep(int(response.headers["Retry-After"]))
            response = super().request(method, BASE_URL + url if url.startswith("/") else url, *args, **kwargs)
        return response


class ClientFactory:
    """DiracX's fixture identities (preferred_username, test_group, NormalUser or JobAdministrator),
    each test in a VO of its own: Jobstream shows a non-administrator the jobs of their own name and
    VO only, so a fresh VO stands in for the fresh databases DiracX gives each test."""

    def __init__(self, vo: str):
        self.vo = vo

    def _payload(self, properties):
        return {
            "sub": "testingVO:yellow-sub",
            "exp": datetime.now(tz=timezone.utc) + timedelta(hours=1),
            "dirac_properties": properties,
            "jti": str(uuid.uuid4()),
            "preferred_username": "preferred_username",
            "dirac_group": "test_group",
            "vo": self.vo,
        }

    @contextlib.contextmanager
    def normal_user(self):
        payload = self._payload(["NormalUser"])
        with HttpClient(_sign(payload), payload) as client:
            yield client

    @contextlib.contextmanager
    def admin_user(self):
        payload = self._payload(["JobAdministrator"])
        with HttpClient(_sign(payload), payload) as client:
            yield client


@pytest.fixture
def client_factory(request):
    return ClientFactory(f"dx{uuid.uuid4().hex[:10]}")


@pytest.fixture
def test_auth_settings():
    return _AuthSettings()


class _Clock:
    def tick(self, delta=None):  # noqa: ARG002 - the server's clock runs on its own
        return None


@pytest.fixture
def frozen_time():
    """DiracX freezes the clock of its in-process server; over HTTP time simply runs on."""
    yield _Clock()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """DiracX's async tests (pytest-asyncio is not on this machine): run on a fresh event loop."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**arguments))
        return True
    return None


def pytest_configure(config):
    config.addinivalue_line("markers", "enabled_dependencies(names): DiracX's choice of dependencies (ignored here)")
