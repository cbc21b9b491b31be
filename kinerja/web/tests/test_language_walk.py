"""Every page (from the URL resolver) as every role and anonymous: no English or code word on screen.

A page fails on a workflow state code (`approved`), an action code (`persetujuan_approve`), an ISO
date, a period label (`2025-Q4`), a unit named by id (`#194 / #194`), an unseparated count
(`1244/1704`, `12345`), a Python value (`None`, `{'status': ...}`) or one of Django's English strings.
"""

import datetime as dt
import re

import pytest

from kinerja.evaluasi.models import Kriteria
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, tutup
from kinerja.evaluasi.services.tindak_lanjut import lhe_simpan, rekomendasi_tambah
from kinerja.indicators.tests.factories import layanan
from kinerja.registries.models import Layanan, Ppks

from .pages import page_paths, url_patterns, visible_text
from .test_drilldown import ALL_ROLES, approve, build_case

pytestmark = pytest.mark.django_db

CODE_WORDS = [
    (r"\b(draft|submitted|verified|approved|pending|rejected)\b", "workflow state code"),
    (r"\b[a-z]+_(submit|verify|approve|reopen|create|update|delete)\b", "action code"),
    (r"\b[a-z]+_[a-z]+_[a-z_]+\b|\blayanan_[a-z]+\b", "code with underscores"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "ISO date"),
    (r"\b\d{4}-Q\d\b", "period label"),
    (r"#\d+ / #\d+", "unit named by id"),
    (r"\bTriwulan [1-4]\b", "quarter in Arabic numerals"),
    (r"\b\d{4,} ?/ ?\d{4,}\b", "unseparated count"),
    (r"\b(None|True|False)\b|\{'", "Python value"),
]
DJANGO_ENGLISH = [
    "This field", "Enter a valid", "Select a valid", "Ensure this", "is not a zip file",
    "Page not found", "Server Error", "Forbidden", "Not Found", "Bad Request", "No file",
    "Next", "Previous", "Submit", "Save", "Cancel", "Delete", "Search", "Download", "Log in",
    "db_worker", "Traceback",
]  # fmt: skip


# A count in a numeric cell: separated by thousands (`1.244`), never `1244`.
YEAR = re.compile(r"(19|20)\d\d")
NUM_CELL = re.compile(r'<t[dh][^>]*class="[^"]*\bnum\b[^"]*"[^>]*>([^<]*)<')


def problems(text: str, html: str = "") -> list[str]:
    found = [f"unseparated number in a cell: {c!r}" for c in NUM_CELL.findall(html)
             if re.search(r"(?<![\d.,])\d{4,}(?![\d,])", c) and not YEAR.fullmatch(c.strip())]  # fmt: skip
    found += [f"{why}: {m.group(0)!r}" for rx, why in CODE_WORDS for m in re.finditer(rx, text)]
    found += [f"English: {s!r}" for s in DJANGO_ENGLISH if re.search(rf"\b{s}\b", text)]
    return found


# The audit log is rewritten for auditors by issue 17 item 3 (another branch, merged with this one):
# the lead removes this line at that merge so the walk covers it too.
REWRITTEN_ELSEWHERE: set[str] = set()


@pytest.fixture
def world(users):
    """The drill-down's case, IKU-2 Triwulan I 2025 approved, then one registry change after it."""
    case = build_case()
    approve(users)
    layanan(case["budi"], "permakanan", "2025-02-10")  # Budi joins the numerator after the freeze
    ani = case["ani"]
    evaluasi = tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2025))
    lhe = lhe_simpan(
        user=users["auditor"],
        evaluasi=evaluasi,
        nomor="1",
        tanggal=dt.date(2026, 3, 1),
        ringkasan="",
    )
    rekomendasi = rekomendasi_tambah(
        user=users["auditor"], lhe=lhe, teks="Agar dipantau", bidang_kode_="rehabilitasi",
        batas_waktu=dt.date(2026, 9, 30),
    )  # fmt: skip
    return {
        "orang": ani.pk,
        "evaluasi:kriteria": Kriteria.objects.filter(sub_komponen__komponen__lke=evaluasi.lke)[
            0
        ].pk,
        "evaluasi:rekomendasi": rekomendasi.pk,
        "registri:ppks_edit": Ppks.objects.filter(orang=ani).values_list("pk", flat=True)[0],
        "registri:layanan_edit": Layanan.objects.filter(orang=ani).values_list("pk", flat=True)[0],
    }


def test_every_page_is_enumerated():
    names = set(url_patterns())
    assert {"performance:period", "angka_rincian", "publik", "registri:unggah_index"} <= names
    assert len(names) >= 50


def test_the_checks_catch_what_the_issue_names():
    assert problems("Triwulan 4")
    assert problems("Status approved · persetujuan_approve · 2025-03-14 · 2025-Q4 · #194 / #194")
    assert len(problems("1244/1704 · layanan_rehab · None · File is not a zip file")) == 4
    assert problems("", '<td class="num">1244</td>') and not problems(
        "", '<td class="num">1.244</td>'
    )
    assert (
        problems("Triwulan IV 2025 · 14 Maret 2025 · 1.244 / 1.704 · 98,17 % · 6372********0001")
        == []
    )


@pytest.mark.parametrize("username", [None, *ALL_ROLES])
def test_no_code_word_on_any_page(client, users, world, username):
    if username:
        client.force_login(users[username])
    failures, seen = [], 0
    for name, path in sorted(page_paths(world).items()):
        if name in REWRITTEN_ELSEWHERE:
            continue
        response = client.get(path)
        assert response.status_code < 500, f"{path}: {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        html = response.content.decode()
        failures += [f"{path} ({name}): {p}" for p in problems(visible_text(html), html)]
    assert seen >= 20
    assert failures == [], "\n".join(failures)
