"""`kinerja mapping list|show|export|load`: the mappings of files from other systems (section 5)."""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kinerja.registries.mapping import (
    MappingError,
    all_mappings,
    find_mapping,
    saved_mapping,
    spec_from_file,
)
from kinerja.registries.mapping.services import (
    alias_wilayah_add,
    mapping_label_add,
    mapping_save,
)


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Pemetaan file dari sistem lain: list (daftar), show NAMA (isi), export NAMA [--output "
        "FILE] (simpan sebagai file JSON), load FILE (simpan sebagai versi baru), label NAMA TABEL "
        "LABEL KODE (tambah label: versi baru), ejaan KODE_WILAYAH EJAAN (ejaan lain wilayah)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Daftar pemetaan: bawaan dan tersimpan.")
        show = sub.add_parser("show", help="Isi satu pemetaan (JSON).")
        show.add_argument("name")
        show.add_argument("--version", type=int, help="Versi tersimpan tertentu.")
        export = sub.add_parser("export", help="Tulis pemetaan ke file JSON.")
        export.add_argument("name")
        export.add_argument("--version", type=int)
        export.add_argument("--output", metavar="FILE", help="Default: NAMA.json.")
        load = sub.add_parser("load", help="Simpan file pemetaan JSON sebagai versi baru.")
        load.add_argument("file")
        load.add_argument("--user", metavar="USERNAME", help="Akun yang tercatat menyimpan.")
        load.add_argument("--note", default="", help="Catatan perubahan.")
        label = sub.add_parser("label", help="Tambah label ke tabel label pemetaan (versi baru).")
        for arg in ("name", "table", "label", "code"):
            label.add_argument(arg)
        label.add_argument("--user", metavar="USERNAME")
        ejaan = sub.add_parser("ejaan", help="Tambah ejaan lain sebuah kecamatan/kelurahan.")
        ejaan.add_argument("kode")
        ejaan.add_argument("ejaan")
        ejaan.add_argument("--user", metavar="USERNAME")

    def handle(self, *args, **opts):
        try:
            getattr(self, "_" + opts["action"])(opts)
        except MappingError as exc:
            raise CommandError(str(exc)) from None

    def _list(self, opts):
        for spec in all_mappings():
            origin = "bawaan" if spec.builtin else f"v{spec.version}"
            needs = " ".join(f"--{n}" for n in spec.needs)
            self.stdout.write(f"{spec.name}\t{spec.kind}\t{origin}\t{needs}\t{spec.title}".rstrip())

    def _spec(self, opts):
        if opts.get("version") is not None:
            spec = saved_mapping(opts["name"], opts["version"])
            if spec is None:
                raise MappingError(f"Pemetaan {opts['name']} versi {opts['version']} tidak ada.")
            return spec
        return find_mapping(opts["name"])

    def _show(self, opts):
        spec = self._spec(opts)
        self.stdout.write(json.dumps(spec.to_dict(), indent=2, ensure_ascii=False))

    def _export(self, opts):
        spec = self._spec(opts)
        out = Path(opts["output"] or f"{spec.name}.json")
        out.write_text(json.dumps(spec.to_dict(), indent=2, ensure_ascii=False) + "\n", "utf-8")
        self.stdout.write(f"{spec.name} (versi {spec.version}) ditulis ke {out}")

    def _user(self, opts):
        if not opts["user"]:
            return None
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if user is None:
            self.stderr.write(f"Akun '{opts['user']}' tidak ada.")
            sys.exit(2)
        return user

    def _label(self, opts):
        saved = mapping_label_add(
            user=self._user(opts),
            name=opts["name"],
            labels={opts["table"]: {opts["label"]: opts["code"]}},
        )
        self.stdout.write(f"{saved.name}: versi {saved.version} ({saved.kind})")

    def _ejaan(self, opts):
        alias = alias_wilayah_add(user=self._user(opts), kode=opts["kode"], nama=opts["ejaan"])
        self.stdout.write(f"{alias.wilayah_id}: ejaan '{alias.nama}'")

    def _load(self, opts):
        user = self._user(opts)
        spec = spec_from_file(Path(opts["file"]))
        saved = mapping_save(user=user, spec=spec, catatan=opts["note"])
        self.stdout.write(f"{saved.name}: versi {saved.version} ({saved.kind})")
