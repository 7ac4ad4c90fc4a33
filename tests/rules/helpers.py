"""Saving a record through its admin change page or ``full_clean``, and reading the
refusal: shared by the model rule tests."""

from __future__ import annotations

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse


def change_page_data(response) -> dict:
    """What the admin change page's form holds, as a browser would post it back: inputs,
    ticked boxes, chosen options and text areas."""
    page = response.content.decode()
    data: dict = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name[1] == "csrfmiddlewaretoken":
            continue
        if re.search(r'type="(checkbox|radio)"', tag):
            if " checked" in tag:
                data.setdefault(name[1], []).append(value[1] if value else "on")
        elif value:
            data[name[1]] = html.unescape(value[1])
    for name, attrs, options in re.findall(
        r'<select name="([^"]+)"([^>]*)>(.*?)</select>', page, re.S
    ):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if " multiple" in attrs:
            # A browser sends each chosen option of a multiple choice, and nothing for none.
            if chosen:
                data[name] = chosen
        else:
            data[name] = chosen[0] if chosen else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(text.removeprefix("\n"))
    return data


def admin_change(client, obj, **changes):
    """Post ``obj``'s admin change page back with ``changes``; the response."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = change_page_data(client.get(url))
    data.update({k: "" if v is None else str(v) for k, v in changes.items()})
    return client.post(url, data)


def refused(response, message: str) -> bool:
    assert response.status_code == 200, response.status_code
    return message in html.unescape(response.content.decode())


def full_clean_errors(obj) -> dict:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict
