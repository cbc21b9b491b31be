"""The schema and its browsable page: public, offline (assets from the sidecar package), strict CSP."""

import re

import pytest
import yaml
from django.urls import reverse

from kinerja.web.middleware import CSP


def test_schema_is_public_openapi_3_with_every_endpoint(client, db):
    r = client.get(reverse("api:schema"))
    assert r.status_code == 200
    schema = yaml.safe_load(r.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/api/iku/", "/api/angka/", "/api/angka/{kode}/{periode}/unit/"}
    unit = schema["paths"]["/api/angka/{kode}/{periode}/unit/"]["get"]
    assert set(unit["responses"]) == {"200", "400", "401", "403", "404"}
    assert {p["name"] for p in unit["parameters"]} == {"kode", "periode", "bacaan"}
    angka = schema["paths"]["/api/angka/"]["get"]
    assert {p["name"] for p in angka["parameters"]} == {"tahun", "triwulan", "level", "bacaan"}
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"
    json_schema = client.get(reverse("api:schema"), {"format": "json"})
    assert json_schema.json()["paths"].keys() == schema["paths"].keys()


def test_docs_page_is_public_and_has_no_inline_script_or_style(client, db):
    r = client.get(reverse("api:dokumentasi"))
    assert r.status_code == 200
    assert r["Content-Security-Policy"] == CSP
    html = r.content.decode()
    assert '<html lang="id">' in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert src.startswith("/"), f"asset from another origin: {src}"
    script = client.get(reverse("api:dokumentasi") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in script.content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_offline_without_csp_errors(page, live_server, artifacts_dir):
    outside: list[str] = []
    problems: list[str] = []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto("/api/dokumentasi/")
    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert sorted(p.strip() for p in paths) == [
        "/api/angka/", "/api/angka/{kode}/{periode}/unit/", "/api/iku/",
    ]  # fmt: skip
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Kinerja API")
    # Opening an operation renders parameters, examples and response models (highlighted JSON).
    page.locator(".opblock-summary-path", has_text="/unit/").click()
    page.locator(".opblock-body .responses-table").first.wait_for()
    assert "IKU atau periode tidak dikenal." in page.locator(".opblock-body").inner_text()
    violations = page.evaluate("window.__csp || []")
    page.screenshot(path=f"{artifacts_dir}/api-dokumentasi.png", full_page=True)
    assert outside == []
    assert problems == []
    assert violations == []
