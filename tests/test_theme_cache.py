"""The theme's compiled templates are cached between builds, never reused across compile options."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config

from macros.site import theme_cache

ROOT = Path(__file__).resolve().parent.parent


def test_the_build_gets_one_cache_plugin_and_the_theme_env_a_bytecode_cache(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    theme_cache.register(config, tmp_path)
    theme_cache.register(config, tmp_path)  # every build registers it once; a second call changes nothing
    assert [name for name in config.plugins if name == theme_cache.NAME] == [theme_cache.NAME]
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=None)
    assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    # Compiling a template stores its code: the next build's environment loads it instead of compiling.
    template = env.get_template("main.html")
    source = Path(template.filename).read_text(encoding="utf-8")
    assert env.bytecode_cache.get_bucket(env, "main.html", template.filename, source).code is not None
    assert list((tmp_path / ".cache" / "jinja").iterdir())  # in the project's own folder, not a shared one


def test_compile_options_are_part_of_the_cache_file_names() -> None:
    plain = jinja2.Environment()
    assert theme_cache.fingerprint(plain) == theme_cache.fingerprint(jinja2.Environment())
    for other in (jinja2.Environment(autoescape=True), jinja2.Environment(trim_blocks=True),
                  jinja2.Environment(extensions=["jinja2.ext.i18n"]), jinja2.Environment(variable_start_string="[[")):
        assert theme_cache.fingerprint(other) != theme_cache.fingerprint(plain)
