"""The DTSEN options of IKU-3B in the drill-down (contract section 6, D135-D136).

Why a DTKS member is left out of the denominator (their decile is above `desil_maks`) and through
which member of their KK a member is in the numerator (`bansos_per_keluarga`), as SQL over the
drill-down's one-period stage 1 (the CTE `wd` holds the DTKS of W, `u` the unit rows).
"""

from ..models import Definisi
from .definitions import layanan_codes
from .periods import Periode
from .sqlparts import Sql, in_list
from .units import T_DTKS_ANGGOTA, T_LAYANAN, T_ORANG

DTKS_W = "(SELECT wd.dtks_id FROM wd)"


def desil_column() -> Sql:
    """The unit's decile in the DTKS of W."""
    return Sql(
        f"(SELECT MAX(a.desil) FROM {T_DTKS_ANGGOTA} a WHERE a.orang_id = u.orang_id"
        f" AND a.periode_id = {DTKS_W})"
    )


def _services(defn: Definisi, periode: Periode, kabkota: str, person: str) -> Sql:
    """`l` rows that put `person` in the numerator: a counted service dated in W."""
    sql = Sql(
        f"l.orang_id = {person} AND l.kode_kabkota = %s AND l.tanggal >= %s AND l.tanggal <= %s",
        kabkota, periode.mulai, periode.akhir,
    )  # fmt: skip
    codes = layanan_codes(defn)
    if codes is not None:
        sql.add(" AND ").extend(in_list("l.jenis_id", codes))
    return sql


def through_kk(defn: Definisi, periode: Periode, kabkota: str, flag: str) -> tuple[Sql, Sql]:
    """(the condition "in only through a KK member", the LEFT JOIN of that member as `mo`).

    The member named is the one with the earliest counted service in W (then the lowest id)."""
    own = Sql(f"NOT EXISTS (SELECT 1 FROM {T_LAYANAN} l WHERE ")
    own.extend(_services(defn, periode, kabkota, "u.orang_id")).add(")")
    cond = Sql(f"{flag} AND ").extend(own)
    member = Sql(
        f"(SELECT m.orang_id FROM {T_DTKS_ANGGOTA} me JOIN {T_DTKS_ANGGOTA} m"
        " ON m.periode_id = me.periode_id AND m.no_kk = me.no_kk"
        f" JOIN {T_LAYANAN} l ON l.orang_id = m.orang_id"
        f" WHERE me.orang_id = u.orang_id AND me.periode_id = {DTKS_W}"
        " AND m.orang_id <> u.orang_id AND "
    )
    member.extend(_services(defn, periode, kabkota, "m.orang_id"))
    member.add(" ORDER BY l.tanggal, m.orang_id LIMIT 1)")
    join = Sql(f" LEFT JOIN {T_ORANG} mo ON ").extend(cond).add(" AND mo.id = ").extend(member)
    return cond, join
