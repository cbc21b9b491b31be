"""Stage 1: the unit rows behind a figure, as one SQL query.

One row per unit, type and period, with columns

    periode, unit_id, orang_id, jenis, kelurahan, kecamatan, jenis_kelamin, kelompok_umur,
    pembilang, pembilang_literal

- `unit_id`: the PSKS id (IKU-1), the person id (IKU-2, 3A, 3B) or the korban row id (IKU-4).
- `jenis`: the unit's type (after the literal reading's grouping), '' when the family has none.
- `kelurahan` / `kecamatan`: region codes or NULL (no region: kota total only).
- `jenis_kelamin`: 'L', 'P' or '' (unknown); `kelompok_umur`: '0-5', '6-18', '19-59', '60+' or ''
  (unknown, and for PSKS, which are not people).
- `pembilang`: the unit is in the numerator of the default reading (same on all its rows).
- `pembilang_literal`: in the literal reading's numerator at this row: per type when the literal
  reading counts types (IKU-2: served inside a registration of *this* type), else per unit.

Several periods of one year are computed in one query: every period is a cumulative window from
1 January, so each unit's dates are computed once (first qualifying service on or after 1 January,
first registration not closed before it) and compared with each window's end. Ages compare the birth
date with end(W) minus N years, computed in Python: the same on every database.
"""

import datetime as dt

from django.db import connection

from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

from ..models import Hitung, JendelaLayanan, Keluarga, OrangKerja, UnitBeku
from .definitions import IndicatorDefinition, layanan_codes
from .periods import Periode, years_before
from .sqlparts import Sql, With, in_list

T_ORANG = Orang._meta.db_table
T_PPKS = Ppks._meta.db_table
T_PSKS = Psks._meta.db_table
T_PELATIHAN = Pelatihan._meta.db_table
T_LAYANAN = Layanan._meta.db_table
T_DTKS_PERIODE = DtksPeriode._meta.db_table
T_DTKS_ANGGOTA = DtksAnggota._meta.db_table
T_BENCANA = Bencana._meta.db_table
T_KORBAN = Korban._meta.db_table
T_UNIT_BEKU = UnitBeku._meta.db_table
T_ORANG_KERJA = OrangKerja._meta.db_table

UNIT_COLUMNS = (
    "periode", "unit_id", "orang_id", "jenis", "kelurahan", "kecamatan", "jenis_kelamin",
    "kelompok_umur", "pembilang", "pembilang_literal",
)  # fmt: skip
KELOMPOK_UMUR = ("0-5", "6-18", "19-59", "60+", "")
JENIS_KELAMIN = ("L", "P", "")

KEL = "CASE WHEN LENGTH(b.wil) > 8 THEN b.wil END"
KEC = "CASE WHEN LENGTH(b.wil) >= 8 THEN SUBSTR(b.wil, 1, 8) END"
JK = "CASE WHEN b.jk IN ('L', 'P') THEN b.jk ELSE '' END"
UMUR = (
    "CASE WHEN b.lahir IS NULL THEN '' WHEN b.lahir <= w.l60 THEN '60+' "
    "WHEN b.lahir <= w.l19 THEN '19-59' WHEN b.lahir <= w.l6 THEN '6-18' ELSE '0-5' END"
)


def in_kerja(column: str) -> str:
    """`column` is one of the persons of a summary refresh (engine/ringkasan.py)."""
    persons = f"SELECT orang_id FROM {T_ORANG_KERJA}"
    if connection.vendor == "postgresql":  # index probes, never a merge over the whole index
        return f"{column} = ANY(ARRAY({persons}))"
    return f"{column} IN ({persons})"


def dtks_bits(column: str, periodes: list[Periode]) -> Sql:
    """Aggregate: bit i set when a row's `column` is the DTKS of the i-th period (CTE `wd`)."""
    bits = Sql()
    for i, p in enumerate(periodes):
        bits.add(" + " if i else "").add(
            f"MAX(CASE WHEN {column} = (SELECT wd.dtks_id FROM wd WHERE wd.periode = %s)"
            f" THEN {1 << i} ELSE 0 END)",
            p.label,
        )
    return bits


def _grouping(column: str, groups: dict[str, str]) -> Sql:
    """The literal reading's type: `gelandangan` and `pengemis` -> `gelandangan pengemis`."""
    if not groups:
        return Sql(column)
    sql = Sql("CASE")
    for code, group in sorted(groups.items()):
        sql.add(f" WHEN {column} = %s THEN %s", code, group)
    return sql.add(f" ELSE {column} END")


def _windows(periodes: list[Periode], band: tuple[int, int] | None) -> Sql:
    sql = Sql()
    for i, p in enumerate(periodes):
        e = p.akhir
        if i:
            sql.add(" UNION ALL ")
        sql.add(
            "SELECT %s AS periode, %s AS akhir, %s AS l6, %s AS l19, %s AS l60",
            p.label, e, years_before(e, 6), years_before(e, 19), years_before(e, 60),
        )  # fmt: skip
        if band:
            # Aged umur_min..umur_maks full years: born on or before hi, and after lo.
            sql.add(
                ", %s AS band_hi, %s AS band_lo",
                years_before(e, band[0]),
                years_before(e, band[1] + 1),
            )
    return sql


class UnitQuery:
    """Builds stage 1 for one indicator (both readings) and a list of periods of one year."""

    def __init__(
        self,
        ind: IndicatorDefinition,
        periodes: list[Periode],
        kabkota: str,
        outside_band: bool = False,
        lean: bool = False,
        only_kerja: bool = False,
        per_orang: bool = False,
    ):
        years = {p.tahun for p in periodes}
        if len(years) != 1:
            raise ValueError("Satu kueri unit hanya untuk periode-periode dalam satu tahun.")
        self.ind = ind
        self.d = ind.default
        self.lit = ind.literal
        self.periodes = periodes
        self.k = kabkota
        self.start: dt.date = periodes[0].mulai
        self.end: dt.date = max(p.akhir for p in periodes)
        self.q = With()
        self.join_extra = ""
        # (first default numerator date, first literal one): CTE names, set by the family.
        self.numerator_ctes: tuple[str, str] = ("", "")
        # The drill-down's "excluded" list: known birth date outside the age band; DTKS members
        # with a decile above `desil_maks`.
        self.outside_band = outside_band
        # Without sex/age splits IKU-4 needs nothing from the person (its region is the event's).
        self.lean = lean
        # Only the persons of a summary refresh (engine/ringkasan.py): `AND <col> IN (...)`.
        self.only_kerja = only_kerja
        # DTKS without bansos per keluarga, the summary's rows: one per person, `anggota` (bit i:
        # a member of the DTKS of the i-th period) instead of one row per person and DTKS (D200).
        self.per_orang = (
            per_orang
            and self.d.keluarga == Keluarga.DTKS_LAYANAN
            and not self.d.bansos_per_keluarga
        )

    def _kerja(self, column: str) -> str:
        return f" AND {in_kerja(column)}" if self.only_kerja else ""

    # -- numerator helpers ------------------------------------------------------------------
    def _service_filter(self, codes: list[str] | None, alias: str = "l") -> Sql:
        sql = Sql(
            f"{alias}.kode_kabkota = %s AND {alias}.tanggal >= %s AND {alias}.tanggal <= %s",
            self.k, self.start, self.end,
        )  # fmt: skip
        if codes is not None:
            sql.add(" AND ").extend(in_list(f"{alias}.jenis_id", codes))
        return sql.add(self._kerja(f"{alias}.orang_id"))

    def _numerators(self) -> tuple[str, str, bool]:
        """CTEs for the first qualifying service date; returns (default expr, literal expr)."""
        d_codes, l_codes = layanan_codes(self.d), layanan_codes(self.lit)
        same = d_codes == l_codes and self.d.jendela == self.lit.jendela
        exprs = []
        for name, defn, codes in (("n1", self.d, d_codes), ("n2", self.lit, l_codes)):
            if name == "n2" and same:
                break
            per_type = defn.jendela == JendelaLayanan.REGISTRASI
            if per_type:
                # Dated in W and inside [tanggal_daftar, tanggal_selesai] of a registration.
                body = Sql(
                    f"SELECT r.orang_id, r.jenis, MIN(l.tanggal) AS d FROM r "
                    f"JOIN {T_LAYANAN} l ON l.orang_id = r.orang_id WHERE "
                )
                body.extend(self._service_filter(codes)).add(
                    " AND l.tanggal >= r.tanggal_daftar"
                    " AND (r.tanggal_selesai IS NULL OR l.tanggal <= r.tanggal_selesai)"
                    " GROUP BY r.orang_id, r.jenis"
                )
                self.q.cte(f"{name}j", body)
                self.q.cte(
                    f"{name}u",
                    Sql(f"SELECT orang_id, MIN(d) AS d FROM {name}j GROUP BY orang_id"),
                )
            else:
                body = Sql(f"SELECT l.orang_id, MIN(l.tanggal) AS d FROM {T_LAYANAN} l WHERE ")
                # All of the year's qualifying services, grouped by person: a range scan on
                # (kode_kabkota, jenis, tanggal) beats one index probe per registered person.
                body.extend(self._service_filter(codes)).add(" GROUP BY l.orang_id")
                self.q.cte(f"{name}u", body)
            exprs.append((name, per_type))
        if same:
            exprs.append(exprs[0])
        (dn, _), (ln, l_per_type) = exprs
        lit_by_type = self.lit.hitung == Hitung.JENIS and l_per_type
        return f"{dn}u", (f"{ln}j" if lit_by_type else f"{ln}u"), lit_by_type

    # -- families -----------------------------------------------------------------------------
    def _psks(self) -> None:
        t = Sql(
            f"SELECT psks_id, MIN(tanggal) AS d FROM {T_PELATIHAN} WHERE kode_kabkota = %s"
            " AND tanggal >= %s AND tanggal <= %s GROUP BY psks_id",
            self.k, self.start, self.end,
        )  # fmt: skip
        self.q.cte("t", t)
        b = Sql("SELECT p.id AS unit_id, CAST(NULL AS BIGINT) AS orang_id, ")
        b.extend(_grouping("p.jenis_id", self.d.kelompok_jenis))
        b.add(
            " AS jenis, p.kelurahan_id AS wil, '' AS jk, CAST(NULL AS DATE) AS lahir,"
            f" p.tanggal_daftar AS masuk, t.d AS d_num, t.d AS d_lit FROM {T_PSKS} p"
            " LEFT JOIN t ON t.psks_id = p.id WHERE p.kode_kabkota = %s"
            " AND (p.tanggal_selesai IS NULL OR p.tanggal_selesai >= %s) AND p.tanggal_daftar <= %s",
            self.k, self.start, self.end,
        )  # fmt: skip
        if self.d.jenis_registrasi:
            b.add(" AND ").extend(in_list("p.jenis_id", self.d.jenis_registrasi))
        self.q.cte("b", b)

    def _ppks(self) -> None:
        r = Sql("SELECT orang_id, ")
        r.extend(_grouping("jenis_id", self.d.kelompok_jenis))
        r.add(
            f" AS jenis, tanggal_daftar, tanggal_selesai FROM {T_PPKS} WHERE kode_kabkota = %s AND ",
            self.k,
        )
        r.extend(in_list("jenis_id", self.d.jenis_registrasi))
        if self.d.lokasi:
            r.add(" AND lokasi = %s", self.d.lokasi)
        # Active in some window: registered by the last end, not closed before 1 January.
        r.add(
            " AND tanggal_daftar <= %s AND (tanggal_selesai IS NULL OR tanggal_selesai >= %s)",
            self.end, self.start,
        )  # fmt: skip
        self.q.cte("r", r.add(self._kerja("orang_id")))
        d_cte, l_cte, lit_by_type = self._numerators()
        self.numerator_ctes = (d_cte, l_cte)
        self.q.cte(
            "b0",
            Sql(
                "SELECT r.orang_id, r.jenis, MIN(r.tanggal_daftar) AS masuk FROM r"
                " GROUP BY r.orang_id, r.jenis"
            ),
        )
        lit_join = (
            f"LEFT JOIN {l_cte} nl ON nl.orang_id = b0.orang_id AND nl.jenis = b0.jenis"
            if lit_by_type
            else f"LEFT JOIN {l_cte} nl ON nl.orang_id = b0.orang_id"
        )
        self.q.cte(
            "b",
            Sql(
                "SELECT b0.orang_id AS unit_id, b0.orang_id AS orang_id, b0.jenis AS jenis,"
                " o.kelurahan_id AS wil, o.jenis_kelamin AS jk, o.tanggal_lahir AS lahir,"
                " b0.masuk AS masuk, nd.d AS d_num, nl.d AS d_lit"
                f" FROM b0 JOIN {T_ORANG} o ON o.id = b0.orang_id"
                f" LEFT JOIN {d_cte} nd ON nd.orang_id = b0.orang_id {lit_join}"
            ),
        )
        if self.d.umur_min is not None:
            in_band = "(b.lahir <= w.band_hi AND b.lahir > w.band_lo)"
            self.join_extra = (
                f" AND b.lahir IS NOT NULL AND NOT {in_band}"
                if self.outside_band
                else f" AND (b.lahir IS NULL OR {in_band})"
            )

    def _dtks(self) -> None:
        # The DTKS of W: the periode with the latest month <= the month of end(W).
        self.q.cte(
            "wd",
            Sql(
                f"SELECT w0.*, (SELECT dp.id FROM {T_DTKS_PERIODE} dp WHERE dp.kode_kabkota = %s"
                " AND dp.periode <= w0.akhir ORDER BY dp.periode DESC LIMIT 1) AS dtks_id FROM w0",
                self.k,
            ),
        )
        per_kk = self.d.bansos_per_keluarga
        if per_kk and self.only_kerja:  # one person's service reaches the whole KK (D136)
            raise ValueError("Bansos per keluarga tidak dihitung ulang per orang.")
        rows = (
            f" FROM {T_DTKS_ANGGOTA} a WHERE a.kode_kabkota = %s"
            " AND a.periode_id IN (SELECT dtks_id FROM wd)"
        )
        # One row per person and DTKS (with bansos per keluarga: and one KK, should a person be
        # listed twice in one DTKS); per person, its memberships as bits, grouped before the
        # persons are joined (D200).
        cols = "a.periode_id AS dtks_id, a.orang_id"
        if self.per_orang:
            r = Sql("SELECT a.orang_id, ").extend(dtks_bits("a.periode_id", self.periodes))
            r.add(" AS anggota" + rows + self._kerja("a.orang_id"), self.k)
        else:
            select = (
                f"SELECT {cols}, MIN(a.no_kk) AS no_kk" if per_kk else f"SELECT DISTINCT {cols}"
            )
            r = Sql(select + rows + self._kerja("a.orang_id"), self.k)
        if self.d.desil_maks is not None and self.outside_band:  # the drill-down's "excluded"
            r.add(" AND a.desil > %s", self.d.desil_maks)
        elif self.d.desil_maks is not None:
            # DTSEN (D135): only NIK at or below the decile limit; a row without desil counts.
            r.add(" AND (a.desil IS NULL OR a.desil <= %s)", self.d.desil_maks)
        if per_kk:
            r.add(" GROUP BY a.periode_id, a.orang_id")
        elif self.per_orang:
            r.add(" GROUP BY a.orang_id")
        self.q.cte("r", r)
        d_cte, l_cte, _ = self._numerators()
        if per_kk:
            # Bansos per KPM (D136): a member's first counted service is the first of any member
            # of the same KK in the same DTKS (every member, whatever their decile).
            d_cte, l_cte = self._per_kk(f"SELECT DISTINCT {cols}, a.no_kk{rows}", d_cte, l_cte)
        self.numerator_ctes = (d_cte, l_cte)
        on = (
            "ON nd.dtks_id = r.dtks_id AND nd.no_kk = r.no_kk"
            if per_kk
            else "ON nd.orang_id = r.orang_id"
        )
        # Both readings count the same services: one join, not the same CTE joined twice.
        lit, lit_join = (
            ("nd.d", "")
            if l_cte == d_cte
            else ("nl.d", f" LEFT JOIN {l_cte} nl {on.replace('nd.', 'nl.')}")
        )
        self.q.cte(
            "b",
            Sql(
                f"SELECT {'r.anggota' if self.per_orang else 'r.dtks_id'}, r.orang_id AS unit_id,"
                " r.orang_id AS orang_id, '' AS jenis,"
                " o.kelurahan_id AS wil, o.jenis_kelamin AS jk, o.tanggal_lahir AS lahir,"
                f" nd.d AS d_num, {lit} AS d_lit"
                f" FROM r JOIN {T_ORANG} o ON o.id = r.orang_id"
                f" LEFT JOIN {d_cte} nd {on}{lit_join}"
            ),
        )

    def _per_kk(self, members: str, d_cte: str, l_cte: str) -> tuple[str, str]:
        """CTEs of the first counted service per (DTKS, KK) for each reading's person CTE."""
        self.q.cte("kk", Sql(members, self.k))
        names = {}
        for src in dict.fromkeys((d_cte, l_cte)):
            name = f"{src}k"
            self.q.cte(
                name,
                Sql(
                    f"SELECT kk.dtks_id, kk.no_kk, MIN(n.d) AS d FROM kk JOIN {src} n"
                    " ON n.orang_id = kk.orang_id GROUP BY kk.dtks_id, kk.no_kk"
                ),
            )
            names[src] = name
        return names[d_cte], names[l_cte]

    def _korban(self) -> None:
        events = Sql(
            "e.kode_kabkota = %s AND e.tanggal_kejadian >= %s AND e.tanggal_kejadian <= %s",
            self.k, self.start, self.end,
        )  # fmt: skip
        names = []
        for name, defn in (("n1", self.d), ("n2", self.lit)):
            codes = layanan_codes(defn)
            if name == "n2" and codes == layanan_codes(self.d):
                names.append("n1")
                break
            # Same person, same event, dated from tanggal_kejadian (to end(W), checked per window):
            # per (event, person) from the event's services alone; `b` joins it to the victims, so
            # the services of a non-victim match nothing (no second pass over all victims).
            body = Sql(
                f"SELECT l.bencana_id AS bid, l.orang_id AS oid, MIN(l.tanggal) AS d"
                f" FROM {T_LAYANAN} l JOIN {T_BENCANA} e ON e.id = l.bencana_id WHERE "
            ).extend(events)
            body.add(" AND l.tanggal >= e.tanggal_kejadian AND l.tanggal <= %s", self.end)
            body.add(self._kerja("l.orang_id"))
            if codes is not None:
                body.add(" AND ").extend(in_list("l.jenis_id", codes))
            self.q.cte(name, body.add(" GROUP BY l.bencana_id, l.orang_id"))
            names.append(name)
        on = "{0}.bid = k.bencana_id AND {0}.oid = k.orang_id"
        # Both readings count the same services: one join, not the same CTE joined twice.
        lit, lit_join = (
            ("nd.d", "")
            if names[1] == names[0]
            else ("nl.d", f" LEFT JOIN {names[1]} nl ON {on.format('nl')}")
        )
        person = (
            ("'' AS jk, CAST(NULL AS DATE) AS lahir", "")
            if self.lean
            else ("o.jenis_kelamin AS jk, o.tanggal_lahir AS lahir",
                  f" JOIN {T_ORANG} o ON o.id = k.orang_id")
        )  # fmt: skip
        b = Sql(
            "SELECT k.id AS unit_id, k.orang_id AS orang_id, k.bencana_id AS bencana_id,"
            " '' AS jenis, e.wilayah_id AS wil,"
            f" {person[0]}, e.tanggal_kejadian AS masuk,"
            f" nd.d AS d_num, {lit} AS d_lit FROM {T_KORBAN} k"
            f" JOIN {T_BENCANA} e ON e.id = k.bencana_id{person[1]}"
            f" LEFT JOIN {names[0]} nd ON {on.format('nd')}{lit_join}"
            " WHERE "
        ).extend(events)
        self.q.cte("b", b.add(self._kerja("k.orang_id")))

    # -- assembly -----------------------------------------------------------------------------
    @property
    def band(self) -> tuple[int, int] | None:
        if self.d.umur_min is not None and self.d.umur_maks is not None:
            return (self.d.umur_min, self.d.umur_maks)
        return None

    def build_base(self) -> With:
        """The CTEs up to `b`: one row per unit (and type, and DTKS periode) with its dates."""
        family = self.d.keluarga
        w_name = "w0" if family == Keluarga.DTKS_LAYANAN else "w"
        self.q.cte(w_name, _windows(self.periodes, self.band))
        if family == Keluarga.PSKS_PELATIHAN:
            self._psks()
        elif family in (Keluarga.PPKS_LAYANAN, Keluarga.ANAK_LAYANAN):
            self._ppks()
        elif family == Keluarga.DTKS_LAYANAN:
            self._dtks()
        elif family == Keluarga.KORBAN_LAYANAN:
            self._korban()
        else:  # pragma: no cover - validated on save
            raise ValueError(f"Keluarga tidak dikenal: {family}")
        return self.q

    def build(self) -> tuple[With, Sql]:
        """The CTEs and the final SELECT of stage 1 (columns UNIT_COLUMNS)."""
        self.build_base()
        family = self.d.keluarga
        if family == Keluarga.DTKS_LAYANAN:
            join = "JOIN wd w ON b.dtks_id = w.dtks_id"
        else:
            join = "JOIN w ON b.masuk <= w.akhir" + self.join_extra
        umur = "''" if family == Keluarga.PSKS_PELATIHAN else UMUR
        select = Sql(
            f"SELECT w.periode AS periode, b.unit_id AS unit_id, b.orang_id AS orang_id,"
            f" b.jenis AS jenis, {KEL} AS kelurahan, {KEC} AS kecamatan, {JK} AS jenis_kelamin,"
            f" {umur} AS kelompok_umur,"
            " (b.d_num IS NOT NULL AND b.d_num <= w.akhir) AS pembilang,"
            " (b.d_lit IS NOT NULL AND b.d_lit <= w.akhir) AS pembilang_literal"
            f" FROM b {join}"
        )
        return self.q, select


def unit_query(
    ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, outside_band: bool = False
) -> tuple[With, Sql]:
    return UnitQuery(ind, periodes, kabkota, outside_band).build()


def frozen_query(snapshot: int, periode_label: str) -> tuple[With, Sql]:
    """Stage 1's shape read back from a stored list of unit rows (UnitBeku)."""
    q = With()
    select = Sql(
        "SELECT %s AS periode, unit_id, orang_id, jenis, kelurahan, kecamatan, jenis_kelamin,"
        f" kelompok_umur, pembilang, pembilang_literal FROM {T_UNIT_BEKU} WHERE snapshot = %s",
        periode_label, snapshot,
    )  # fmt: skip
    return q, select
