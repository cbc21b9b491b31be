"""Drill-down: the units behind a figure, in or out of its numerator, and why not.

Selectors for the web page (which masks NIK per role) and the XLSX export. The list is read by SQL
(stage 1 plus a reason per unit); only its result rows are shaped in Python.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection

from kinerja.lib.privacy import mask_nik

from ..models import Hitung, JendelaLayanan, Keluarga
from .definitions import IndicatorDefinition, definitions_in_force, kode_kabkota, layanan_codes
from .dtsen import desil_column, through_kk
from .periods import Periode
from .sqlparts import Sql, With, in_list
from .units import T_BENCANA, T_KORBAN, T_LAYANAN, T_ORANG, T_PELATIHAN, T_PSKS, unit_query

ALASAN = {
    "": "",
    "tanpa_layanan": "Belum ada layanan yang dihitung",
    "layanan_di_luar_periode": "Layanan di luar periode",
    "layanan_di_luar_registrasi": "Layanan dalam periode, tetapi di luar masa registrasi",
    "registrasi_jenis_lain": "Dilayani dalam registrasi jenis lain",
    "tanpa_pelatihan": "Belum ada pelatihan",
    "pelatihan_di_luar_periode": "Pelatihan di luar periode",
    "tanpa_bantuan": "Tidak ada bantuan untuk kejadian ini",
    "bantuan_sebelum_kejadian": "Bantuan bertanggal sebelum kejadian",
    "bantuan_setelah_periode": "Bantuan setelah akhir periode",
    "bantuan_kejadian_lain": "Bantuan untuk kejadian lain atau tanpa kode kejadian",
    "umur_di_luar_pita": "Umur di luar 6-18 tahun pada akhir periode",
    # DTSEN options of IKU-3B (D135, D136); the labels carry the row's values, see alasan_label.
    "desil_di_atas_batas": "Desil di atas batas",
    "melalui_anggota_kk": "Dilayani melalui anggota KK",
}


@dataclass
class DrillRow:
    unit_id: int
    orang_id: int | None
    kode: str  # kode_psks, NIK or id_lokal
    nama: str
    nik: str
    id_lokal: str
    tanggal_lahir: dt.date | None
    kelurahan: str | None
    kecamatan: str | None
    jenis_kelamin: str
    kelompok_umur: str
    kode_kejadian: str
    pembilang: bool
    alasan: str
    jenis: list[str] = field(default_factory=list)
    nik_tidak_cocok: bool = False
    desil: int | None = None  # in the DTKS of W (IKU-3B with desil_maks)
    desil_maks: int | None = None
    melalui_nama: str = ""  # the KK member through whom the unit is in (bansos per keluarga)
    melalui_nik: str = ""

    @property
    def alasan_label(self) -> str:
        """The reason in words; a KK member's NIK always masked (the page and the export alike)."""
        if self.alasan == "desil_di_atas_batas":
            return f"desil {self.desil} di atas batas {self.desil_maks}"
        if self.alasan == "melalui_anggota_kk":
            who = " ".join(p for p in (self.melalui_nama, mask_nik(self.melalui_nik)) if p)
            return f"dilayani melalui anggota KK {who}".strip()
        return ALASAN.get(self.alasan, self.alasan)


def _exists_service(codes: list[str] | None, extra: str, *params: Any) -> Sql:
    sql = Sql(f"EXISTS (SELECT 1 FROM {T_LAYANAN} l WHERE l.orang_id = u.orang_id")
    if codes is not None:
        sql.add(" AND ").extend(in_list("l.jenis_id", codes))
    return sql.add(f"{extra})", *params)


def _reason(ind: IndicatorDefinition, bacaan: str, periode: Periode, flag: str) -> Sql:
    defn = ind.reading(bacaan)
    s, e = periode.mulai, periode.akhir
    if defn.keluarga == Keluarga.PSKS_PELATIHAN:
        return Sql(
            f"CASE WHEN {flag} THEN '' WHEN EXISTS (SELECT 1 FROM {T_PELATIHAN} t"
            " WHERE t.psks_id = u.unit_id) THEN 'pelatihan_di_luar_periode'"
            " ELSE 'tanpa_pelatihan' END"
        )
    codes = layanan_codes(defn)
    if defn.keluarga == Keluarga.KORBAN_LAYANAN:
        sql = Sql(f"CASE WHEN {flag} THEN '' WHEN ")
        sql.extend(
            _exists_service(
                codes, " AND l.bencana_id = k.bencana_id AND l.tanggal < e.tanggal_kejadian"
            )
        )
        sql.add(" THEN 'bantuan_sebelum_kejadian' WHEN ")
        sql.extend(_exists_service(codes, " AND l.bencana_id = k.bencana_id AND l.tanggal > %s", e))
        sql.add(" THEN 'bantuan_setelah_periode' WHEN ")
        sql.extend(
            _exists_service(
                codes,
                " AND (l.bencana_id IS NULL OR l.bencana_id <> k.bencana_id)"
                " AND l.tanggal >= e.tanggal_kejadian AND l.tanggal <= %s",
                e,
            )
        )
        return sql.add(" THEN 'bantuan_kejadian_lain' ELSE 'tanpa_bantuan' END")
    sql = Sql(f"CASE WHEN {flag} THEN '' ")
    if bacaan == "literal" and defn.hitung == Hitung.JENIS:
        sql.add("WHEN u.pembilang THEN 'registrasi_jenis_lain' ")
    if defn.jendela == JendelaLayanan.REGISTRASI:
        sql.add("WHEN ").extend(
            _exists_service(codes, " AND l.tanggal >= %s AND l.tanggal <= %s", s, e)
        )
        sql.add(" THEN 'layanan_di_luar_registrasi' ")
    sql.add("WHEN ").extend(_exists_service(codes, ""))
    return sql.add(" THEN 'layanan_di_luar_periode' ELSE 'tanpa_layanan' END")


def _indicator(kode: str, periode: Periode) -> IndicatorDefinition:
    found = definitions_in_force(periode.akhir, kode)
    if not found:
        raise LookupError(f"{kode} tidak punya definisi yang berlaku pada {periode.akhir}")
    return found[0]


def _rows(
    kode: str,
    periode: Periode,
    bacaan: str,
    wilayah: str | None,
    jenis_kelamin: str | None,
    kelompok_umur: str | None,
    pembilang: bool | None,
    excluded: bool,
) -> list[DrillRow]:
    ind = _indicator(kode, periode)
    defn = ind.reading(bacaan)
    q, stage1 = unit_query(ind, [periode], kode_kabkota(), outside_band=excluded)
    q = With(list(q.ctes))
    q.cte("u", stage1)
    flag = "u.pembilang_literal" if bacaan == "literal" else "u.pembilang"
    is_psks = defn.keluarga == Keluarga.PSKS_PELATIHAN
    is_korban = defn.keluarga == Keluarga.KORBAN_LAYANAN
    is_dtks = defn.keluarga == Keluarga.DTKS_LAYANAN
    by_desil = is_dtks and ind.default.desil_maks is not None
    if excluded:
        reason = Sql("'desil_di_atas_batas'" if by_desil else "'umur_di_luar_pita'")
    else:
        reason = _reason(ind, bacaan, periode, flag)
    kk_join = Sql()
    if is_dtks and defn.bansos_per_keluarga and not excluded:
        through, kk_join = through_kk(defn, periode, kode_kabkota(), flag)
        reason = (
            (Sql("CASE WHEN ").extend(through).add(" THEN 'melalui_anggota_kk' ELSE "))
            .extend(reason)
            .add(" END")
        )
    final = Sql("SELECT u.unit_id, u.orang_id, u.jenis, u.kelurahan, u.kecamatan,")
    final.add(" u.jenis_kelamin, u.kelompok_umur, ")
    final.add(f"CASE WHEN {flag} THEN 1 ELSE 0 END, ").extend(reason)
    final.add(", ").extend(desil_column() if by_desil else Sql("CAST(NULL AS INTEGER)"))
    final.add(", mo.nama, mo.nik" if kk_join.text else ", '', ''")
    if is_psks:
        final.add(
            ", p.kode_psks, p.nama, p.nik, '', CAST(NULL AS DATE), '', 0"
            f" FROM u JOIN {T_PSKS} p ON p.id = u.unit_id"
        )
    else:
        kejadian = "e.kode_kejadian" if is_korban else "''"
        final.add(
            f", COALESCE(o.nik, o.id_lokal), o.nama, COALESCE(o.nik, ''),"
            f" COALESCE(o.id_lokal, ''), o.tanggal_lahir, {kejadian}, o.nik_tidak_cocok"
            f" FROM u JOIN {T_ORANG} o ON o.id = u.orang_id"
        )
        if is_korban:
            final.add(
                f" JOIN {T_KORBAN} k ON k.id = u.unit_id JOIN {T_BENCANA} e ON e.id = k.bencana_id"
            )
        final.extend(kk_join)
    final.add(" WHERE 1 = 1")
    if wilayah and wilayah != kode_kabkota():
        col = "u.kelurahan" if len(wilayah) > 8 else "u.kecamatan"
        final.add(f" AND {col} = %s", wilayah)
    if jenis_kelamin is not None:
        final.add(" AND u.jenis_kelamin = %s", jenis_kelamin)
    if kelompok_umur is not None:
        final.add(" AND u.kelompok_umur = %s", kelompok_umur)
    if pembilang is not None:
        final.add(f" AND {'' if pembilang else 'NOT '}{flag}")
    final.add(" ORDER BY u.kecamatan, u.kelurahan, u.unit_id, u.jenis")
    sql = q.render(final)
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)
        raw = cur.fetchall()
    # One row per unit; per type when the literal reading counts types.
    per_type = bacaan == "literal" and defn.hitung == Hitung.JENIS
    rows: dict[object, DrillRow] = {}
    for (
        unit_id, orang_id, jenis, kel, kec, jk, umur, flag_value, alasan, desil, m_nama, m_nik,
        kode_unit, nama, nik, id_lokal, lahir, kode_kejadian, tidak_cocok,
    ) in raw:  # fmt: skip
        if isinstance(lahir, str):  # SQLite returns dates of raw queries as text
            lahir = dt.date.fromisoformat(lahir)
        key = (unit_id, jenis) if per_type else unit_id
        row = rows.get(key)
        if row is None:
            rows[key] = DrillRow(
                unit_id, orang_id, kode_unit or "", nama or "", nik or "", id_lokal or "", lahir,
                kel, kec, jk, umur, kode_kejadian or "", bool(flag_value), alasan, [],
                bool(tidak_cocok), desil, ind.default.desil_maks, m_nama or "", m_nik or "",
            )  # fmt: skip
            row = rows[key]
        if jenis and jenis not in row.jenis:
            row.jenis.append(jenis)
    return list(rows.values())


def drilldown(
    kode: str,
    periode: Periode,
    bacaan: str = "default",
    wilayah: str | None = None,
    jenis_kelamin: str | None = None,
    kelompok_umur: str | None = None,
    pembilang: bool | None = None,
) -> list[DrillRow]:
    """The denominator's units of a figure, each marked in/out of the numerator with a reason."""
    return _rows(kode, periode, bacaan, wilayah, jenis_kelamin, kelompok_umur, pembilang, False)


def drilldown_excluded(
    kode: str,
    periode: Periode,
    wilayah: str | None = None,
    jenis_kelamin: str | None = None,
    kelompok_umur: str | None = None,
) -> list[DrillRow]:
    """Units registered but left out of the denominator: by the age band (IKU-3A: not 6-18) or, in
    the DTKS of W, by the decile limit (IKU-3B with `desil_maks`, D135)."""
    ind = _indicator(kode, periode)
    if ind.default.umur_min is None and ind.default.desil_maks is None:
        return []
    return _rows(kode, periode, "default", wilayah, jenis_kelamin, kelompok_umur, None, True)


def unit_keluarga(kode: str, periode: Periode) -> str:
    """The indicator's family (`Keluarga`): which registry its units come from (D60)."""
    return _indicator(kode, periode).default.keluarga


def without_identity(rows: list[DrillRow]) -> list[DrillRow]:
    """The rows as a reader outside the units' registry sees them (D60): counts, regions, splits
    and reasons, never who. Each unit gets a neutral label (`unit 17`, its place in this list); ids
    go too, since a person id would link the unit to what the reader knows from other figures.
    """
    return [
        replace(
            r,
            unit_id=0,
            orang_id=None,
            kode=f"unit {i}",
            nama="",
            nik="",
            id_lokal="",
            tanggal_lahir=None,
            melalui_nama="",
            melalui_nik="",
        )  # fmt: skip
        for i, r in enumerate(rows, start=1)
    ]
