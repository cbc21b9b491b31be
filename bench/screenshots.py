"""Screenshots of the product for docs/tampilan.md, taken from the demo dataset in a real chromium.

    .venv/bin/python bench/screenshots.py [--db var/shots.sqlite3] [--out docs/img] [--port 8765]

1. Fills the database (when empty): `kinerja migrate`, `kinerja demo --scale 1`, `kinerja
   demo_users`; then moves a few 2025 figures through `kinerja workflow` (IKU-1, IKU-2 and IKU-3B
   approved for every quarter and the year, IKU-3A verified for Triwulan IV so the Kepala Dinas has work
   waiting) so that the public page has content and the dashboard shows every status.
2. Serves it with `kinerja runserver --noreload 127.0.0.1:PORT` (loopback only) and, as the Kepala
   Dinas, takes: the dashboard at 1366 px and at 390 px (phone) wide, a figure's drill-down and the
   public page -> dasbor-desktop.png, dasbor-ponsel.png, rincian.png, publik.png; as the auditor,
   the audit log at both widths -> jejak-audit-desktop.png, jejak-audit-ponsel.png (`--only audit`:
   these two alone).
3. Stops the server. Every image is kept under ~600 KB (page height is capped where needed).
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINERJA = str(ROOT / ".venv" / "bin" / "kinerja")
sys.path.insert(0, str(ROOT))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian chromium and its flags)

DEMO_PASSWORD = "kinerja-demo-2025"  # kinerja demo_users
YEAR = 2025
APPROVED = {"IKU-1": "pemberdayaan", "IKU-2": "rehabilitasi", "IKU-3B": "linjamsos"}
MAX_HEIGHT = 3000  # px: a full page taller than this is clipped to keep the PNG small


def kinerja(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([KINERJA, *args], env=env, capture_output=True, text=True)
    if check and proc.returncode:
        raise SystemExit(f"kinerja {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")
    return proc


def workflow(env: dict, kode: str, quarter: int | None, steps: list[tuple[str, str]]) -> None:
    """Each step once; a refusal because the step was already taken (a re-run) is fine."""
    for aksi, user in steps:
        args = ["workflow", aksi, "--indicator", kode, "--year", str(YEAR), "--user", user]
        if quarter:
            args += ["--quarter", str(quarter)]
        proc = kinerja(env, *args, check=False)
        print("   ", (proc.stdout or proc.stderr).strip().splitlines()[-1])


def prepare(env: dict, demo_dir: Path) -> None:
    kinerja(env, "migrate", "--noinput", "-v0")
    print(kinerja(env, "demo", "--if-empty", "--scale", "1", "--dir", str(demo_dir)).stdout)
    kinerja(env, "demo_users")
    for kode, bidang in APPROVED.items():
        for q in (1, 2, 3, 4, None):
            workflow(
                env,
                kode,
                q,
                [("submit", f"staf.{bidang}"), ("verify", f"kabid.{bidang}"), ("approve", "kadis")],
            )
    workflow(env, "IKU-3A", 4, [("submit", "staf.linjamsos"), ("verify", "kabid.linjamsos")])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def take(page, path: Path, *, full_page: bool = True, max_height: int = MAX_HEIGHT) -> None:
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    if full_page and height > max_height:
        clip = {"x": 0, "y": 0, "width": width, "height": max_height}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    else:
        page.screenshot(path=str(path), full_page=full_page)
    size = path.stat().st_size // 1024
    print(f"  {path.relative_to(ROOT)}  {width} px wide, page {height} px  {size} KB")


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=base, locale="id-ID", viewport={"width": 1366, "height": 900}
        )
        page = context.new_page()
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill("kadis")
        page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Masuk").last.click()
        page.wait_for_url("**/beranda/")
        take(page, out / "dasbor-desktop.png")

        page.goto(f"/angka/IKU-2/{YEAR}-Q4/?status=bukan")
        page.set_viewport_size({"width": 1366, "height": 1500})
        take(page, out / "rincian.png", full_page=False)

        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(f"/publik/?tahun={YEAR}")
        take(page, out / "publik.png")

        phone = browser.new_context(
            base_url=base,
            locale="id-ID",
            viewport={"width": 390, "height": 844},
            storage_state=context.storage_state(),  # still signed in as the Kepala Dinas
        )
        page = phone.new_page()
        page.goto("/beranda/")
        take(page, out / "dasbor-ponsel.png", max_height=5000)  # the whole page, every card
        browser.close()


def shoot_audit(base: str, out: Path) -> None:
    """The audit log as the auditor reads it (issue 17 item 3), at 1366 and 390 px:
    jejak-audit-desktop.png, jejak-audit-ponsel.png."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=base, locale="id-ID", viewport={"width": 1366, "height": 900}
        )
        page = context.new_page()
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill("auditor")
        page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Masuk").last.click()
        page.wait_for_url("**/beranda/")
        page.goto("/kinerja/audit/")
        take(page, out / "jejak-audit-desktop.png", max_height=2400)
        phone = browser.new_context(
            base_url=base,
            locale="id-ID",
            viewport={"width": 390, "height": 844},
            storage_state=context.storage_state(),  # still signed in as the auditor
        )
        page = phone.new_page()
        page.goto("/kinerja/audit/")
        take(page, out / "jejak-audit-ponsel.png", max_height=3200)
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(ROOT / "var" / "shots.sqlite3"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"))
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument(
        "--only", choices=["all", "audit"], default="all", help="audit: the audit log's two images"
    )
    args = ap.parse_args()
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{Path(args.db).resolve()}",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "FIGURE_CACHE_LOCATION": str(ROOT / "var" / "cache" / "shots"),
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    print("Data demo dan persetujuan ...")
    prepare(env, ROOT / "var" / "demo-shots")
    host = f"127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [KINERJA, "runserver", "--noreload", host],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://{host}/masuk/")
        print("Tangkapan layar:")
        if args.only in ("all", "audit"):
            shoot_audit(f"http://{host}", Path(args.out))
        if args.only == "all":
            shoot(f"http://{host}", Path(args.out))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
