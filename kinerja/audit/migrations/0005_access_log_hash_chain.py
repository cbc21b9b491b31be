"""The personal-data access log gets its own hash chain and head (D78); rows already logged are
chained in id order, so `audit verify` covers them too. Reversible: the chain is derived."""

from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from kinerja.audit.services import AKSES_HEAD_KEY, GENESIS, _digest_akses

    Akses = apps.get_model("audit", "AksesDataPribadi")
    AuditHead = apps.get_model("audit", "AuditHead")
    prev_hash, prev_id, count = GENESIS, 0, 0
    for row in Akses.objects.order_by("id").iterator(chunk_size=2000):
        row.hash_sebelumnya, row.id_sebelumnya = prev_hash, prev_id
        row.hash = _digest_akses(row)
        Akses.objects.filter(pk=row.pk).update(
            hash_sebelumnya=row.hash_sebelumnya, id_sebelumnya=row.id_sebelumnya, hash=row.hash
        )
        prev_hash, prev_id, count = row.hash, row.pk, count + 1
    AuditHead.objects.update_or_create(
        kunci=AKSES_HEAD_KEY,
        defaults={
            "jumlah": count,
            "id_terakhir": prev_id or None,
            "hash_terakhir": prev_hash if count else "",
        },
    )


def unchain(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.filter(kunci="akses").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_audit_head_from_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="aksesdatapribadi",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="aksesdatapribadi",
            name="hash_sebelumnya",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="aksesdatapribadi",
            name="id_sebelumnya",
            field=models.BigIntegerField(
                editable=False, null=True, verbose_name="id baris sebelumnya"
            ),
        ),
        migrations.RunPython(chain_existing, unchain),
    ]
