from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Bidang, Organisasi, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "bidang", "is_active"]
    list_filter = ["role", "bidang", "is_active"]
    fieldsets = [*(BaseUserAdmin.fieldsets or ()), ("Peran", {"fields": ["role", "bidang"]})]


admin.site.register(Organisasi)
admin.site.register(Bidang)
