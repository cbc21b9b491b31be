import pytest


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    """Background documents (D170) write under MEDIA_ROOT; the worker runs them at once here
    (test_background_documents.py drives the real database queue and its worker)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
