"""`Authorization: Token <key>` for scripts, beside the session and basic auth."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .services import token_user


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Header token tidak sah: tulis `Authorization: Token <kunci>`."
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Token tidak sah.") from None
        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(
                "Token tidak sah, dicabut, atau akunnya nonaktif."
            )
        return (user, None)

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "kinerja.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token dari `kinerja users token USERNAME`, ditulis `Token <kunci>`.",
        }
