"""API tokens for scripts: one per account, stored as a SHA-256 digest only (D82).

A database dump or backup then holds no usable credential; the token is printed once, when created.
"""

from django.conf import settings
from django.db import models


class TokenApi(models.Model):
    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_api"
    )
    digest = models.CharField(max_length=64, unique=True)
    # The first characters, shown so an admin can tell which token a script uses.
    awalan = models.CharField(max_length=8)
    dibuat = models.DateTimeField(auto_now_add=True)
    terakhir_dipakai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"

    def __str__(self) -> str:
        return f"{self.awalan}... ({self.pengguna})"
