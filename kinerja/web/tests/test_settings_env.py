"""Settings read from the environment: a typo in a yes/no setting stops start-up (issue 13 item 7)."""

import os
import subprocess
import sys

import pytest

READ = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.KINERJA_WALIKOTA_NAMA)"


def _run(**env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "kinerja.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", READ], env=full, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(("value", "expected"), [("1", "True"), ("ya", "True"), ("off", "False")])
def test_known_words(value, expected):
    done = _run(DEBUG=value)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == expected


def test_an_unknown_word_is_an_error_not_false():
    done = _run(DEBUG="flase")
    assert done.returncode != 0
    assert "DEBUG='flase' bukan nilai ya/tidak" in done.stderr


def test_walikota_name_is_a_declared_setting():
    done = _run(KINERJA_WALIKOTA_NAMA="Walikota Contoh")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("Walikota Contoh")
