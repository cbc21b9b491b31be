"""Data quality beside each figure: SQL counts (and unit lists) over the units behind it."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from ..models import Keluarga
from .definitions import IndicatorDefinition, kode_kabkota
from .drilldown import _indicator
from .periods import Periode, years_before
from .sqlparts import Sql, With, in_list
from .sqlrun import run_sql
from .units import T_LAYANAN, T_ORANG, T_PELATIHAN, T_PPKS, T_PSKS, unit_query

MASALAH = {
    "tanpa_wilayah": "Tanpa wilayah (hanya dihitung di total kota)",
    "nik_ditandai": "NIK tidak cocok dengan tanggal lahir/jenis kelamin",
    "tanpa_tanggal_lahir": "Tanpa tanggal lahir",
    "duplikat": "Dugaan ganda (nama dan tanggal lahir sama, NIK/ID lokal berbeda)",
    "registrasi_terbuka_lama": "Registrasi tanpa tanggal selesai lebih dari {n} tahun, masih dilayani",
}


def open_years() -> int:
    """N of `registrasi_terbuka_lama` (setting KINERJA_REGISTRASI_TERBUKA_TAHUN, default 3)."""
    return settings.KINERJA_REGISTRASI_TERBUKA_TAHUN


@dataclass(frozen=True)
class KualitasData:
    tanpa_wilayah: int
    nik_ditandai: int
    tanpa_tanggal_lahir: int
    duplikat: int
    registrasi_terbuka_lama: int

    def as_list(self) -> list[tuple[str, str, int]]:
        return [(k, label.format(n=open_years()), getattr(self, k)) for k, label in MASALAH.items()]


def _stale(ind: IndicatorDefinition, periode: Periode, k: str) -> tuple[Sql, str]:
    """Registrations still open N years after tanggal_daftar whose unit was served or trained."""
    cutoff = years_before(periode.akhir, open_years())
    d = ind.default
    if d.keluarga == Keluarga.PSKS_PELATIHAN:
        sql = Sql(
            f"SELECT p.id AS unit_id FROM {T_PSKS} p WHERE p.kode_kabkota = %s"
            " AND p.tanggal_selesai IS NULL AND p.tanggal_daftar <= %s AND EXISTS"
            f" (SELECT 1 FROM {T_PELATIHAN} t WHERE t.psks_id = p.id)",
            k, cutoff,
        )  # fmt: skip
        return sql, "unit_id"
    if d.keluarga in (Keluarga.PPKS_LAYANAN, Keluarga.ANAK_LAYANAN):
        sql = Sql(
            f"SELECT DISTINCT r.orang_id AS unit_id FROM {T_PPKS} r WHERE r.kode_kabkota = %s"
            " AND r.tanggal_selesai IS NULL AND r.tanggal_daftar <= %s AND ",
            k, cutoff,
        )  # fmt: skip
        sql.extend(in_list("r.jenis_id", d.jenis_registrasi))
        sql.add(f" AND EXISTS (SELECT 1 FROM {T_LAYANAN} l WHERE l.orang_id = r.orang_id)")
        return sql, "unit_id"
    return Sql("SELECT CAST(NULL AS BIGINT) AS unit_id WHERE 1 = 0"), "unit_id"


def _query(kode: str, periode: Periode, final_cols: str, where: str = "") -> Sql:
    ind = _indicator(kode, periode)
    k = kode_kabkota()
    q, stage1 = unit_query(ind, [periode], k)
    q = With(list(q.ctes))
    q.cte("u", stage1)
    # The (name, birth date) pairs shared by several persons, among the pairs of the units' own
    # persons only: the same matches for the join below as over all persons, without grouping
    # every person of the kab/kota (D222).
    q.cte(
        "dup",
        Sql(
            f"SELECT UPPER(TRIM(nama)) AS nama, tanggal_lahir FROM {T_ORANG}"
            " WHERE kode_kabkota = %s AND tanggal_lahir IS NOT NULL"
            " AND (UPPER(TRIM(nama)), tanggal_lahir) IN (SELECT UPPER(TRIM(uo.nama)),"
            f" uo.tanggal_lahir FROM u JOIN {T_ORANG} uo ON uo.id = u.orang_id)"
            " GROUP BY UPPER(TRIM(nama)), tanggal_lahir HAVING COUNT(*) > 1",
            k,
        ),
    )
    stale, _ = _stale(ind, periode, k)
    q.cte("lama", stale)
    final = Sql(
        f"SELECT {final_cols} FROM u LEFT JOIN {T_ORANG} o ON o.id = u.orang_id"
        " LEFT JOIN dup ON dup.nama = UPPER(TRIM(o.nama)) AND dup.tanggal_lahir = o.tanggal_lahir"
        " LEFT JOIN lama ON lama.unit_id = u.unit_id"
        f"{where}"
    )
    return q.render(final)


CONDITIONS = {
    "tanpa_wilayah": "u.kecamatan IS NULL",
    "nik_ditandai": "o.nik_tidak_cocok",
    "tanpa_tanggal_lahir": "o.id IS NOT NULL AND o.tanggal_lahir IS NULL",
    "duplikat": "dup.nama IS NOT NULL",
    "registrasi_terbuka_lama": "lama.unit_id IS NOT NULL",
}


def data_quality(kode: str, periode: Periode) -> KualitasData:
    """Counts of units behind the figure (kota level) with each data-quality problem."""
    cols = ", ".join(
        f"COUNT(DISTINCT CASE WHEN {cond} THEN u.unit_id END)" for cond in CONDITIONS.values()
    )
    sql = _query(kode, periode, cols)
    [row] = run_sql(sql.text, sql.params)  # work_mem for the joins, no JIT (sqlrun.py)
    return KualitasData(*(int(v or 0) for v in row))


def data_quality_units(kode: str, periode: Periode, masalah: str) -> list[int]:
    """The unit ids (as in the drill-down) with one problem."""
    sql = _query(
        kode, periode, "DISTINCT u.unit_id", f" WHERE {CONDITIONS[masalah]} ORDER BY u.unit_id"
    )
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)
        return [r[0] for r in cur.fetchall()]
