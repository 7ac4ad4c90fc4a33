"""The packs draw with the font the project ships (Liberation Sans, static/fonts), so a
server without it, or with other fonts, prints the same pages: the PDF is rendered where
fontconfig knows no font at all, and it still embeds Liberation Sans, regular and bold."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

RENDER = """
import sys, django
django.setup()
from scrutiny.exports.pdf import html_to_pdf
html = ('<!doctype html><html lang="en"><head><title>Pack</title></head><body>'
        '<h1>Adult Social Care Scrutiny Commission</h1><p>Responsibility for delivery</p>'
        '<p><i>Proposed for sign-off</i> <b><i>Achieved</i></b></p></body></html>')
sys.stdout.buffer.write(html_to_pdf(html, base_url="http://testserver/"))
"""


def test_a_pack_embeds_the_shipped_font_where_the_server_has_no_fonts(tmp_path):
    no_fonts = tmp_path / "fonts.conf"
    # A fontconfig that looks in one empty folder: a server with no fonts installed.
    (tmp_path / "empty").mkdir()
    no_fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{tmp_path / 'empty'}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(no_fonts),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", RENDER], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(done.stdout)

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    # pdffonts: name (subset prefix + font), type, encoding, then emb, sub, uni, object id.
    embedded = {
        line.split()[0].split("+")[-1]
        for line in fonts.stdout.splitlines()[2:]
        if line.split()[-5] == "yes"
    }
    wanted = {"Liberation-Sans", "Liberation-Sans-Bold", "Liberation-Sans-Italic"}
    assert wanted | {"Liberation-Sans-Bold-Italic"} <= embedded, fonts.stdout
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Responsibility for delivery" in text
