"""The handbook's settings in mkdocs.yml (``extra:``): typed, with defaults, and a wrong one stops the build
with the setting named."""

from __future__ import annotations

import pytest

from macros.site.engine import OptionsError, SiteOptions, site_options


def test_defaults_apply_when_mkdocs_yml_sets_nothing():
    assert site_options({}) == SiteOptions(data_edit_uri=None, card_cache=True)
    assert site_options({"extra": {"generator": False, "card_cache": False}}).card_cache is False


@pytest.mark.parametrize("extra, expected", [
    ({"card_cache": "yes"}, "mkdocs.yml: extra.card_cache: expected true or false, got 'yes'"),
    ({"data_edit_uri": 3}, "mkdocs.yml: extra.data_edit_uri: expected text, e.g. edit/main/, got 3"),
])
def test_a_setting_of_the_wrong_kind_is_named(extra, expected):
    with pytest.raises(OptionsError) as raised:
        site_options({"extra": extra})
    assert str(raised.value) == expected

