"""Production settings pass Django's deployment checklist and send the security headers."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "network.settings.production",
    "SECRET_KEY": "x7!q-production-like-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "compraspublicas.org",
    "SITE_URL": "https://compraspublicas.org",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_a_local_site_address():
    result = run_manage("check", SITE_URL="http://localhost")
    assert result.returncode != 0
    assert "Set SITE_URL to the public address" in result.stderr


def test_public_pages_carry_a_content_security_policy(client, home):
    policy = client.get("/es/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_admin_is_left_to_wagtail(admin_client):
    assert "Content-Security-Policy" not in admin_client.get("/admin/login/")
