"""Start the chain head from the entries already in the log (reversible: the head is derived)."""

from django.db import migrations


def load(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditHead = apps.get_model("audit", "AuditHead")
    last = AuditEntry.objects.order_by("-id").first()
    AuditHead.objects.update_or_create(
        kunci="utama",
        defaults={
            "jumlah": AuditEntry.objects.count(),
            "id_terakhir": last.pk if last else None,
            "hash_terakhir": last.hash if last else "",
        },
    )


def unload(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_head_and_prev_id")]
    operations = [migrations.RunPython(load, unload)]
