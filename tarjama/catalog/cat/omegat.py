"""A ready OmegaT project around the XLIFF files of a locale.

``tarjama xliff export -l fr --omegat DIR`` writes ``DIR/omegat.project`` (source and
target languages, no sentence segmentation: a unit is a paragraph, as the PO entry is)
and the XLIFF files under ``DIR/source/``, each untranslated unit with its source as
target (OmegaT 3.6 reads only units that have one). The translator opens DIR in OmegaT;
its "Create translated documents" writes ``DIR/target/``, which ``tarjama xliff import``
reads back. OmegaT runs headless too (``omegat DIR --mode=console-translate
--tag-validation=abort``), which is how the tests drive it.
"""

from __future__ import annotations

from pathlib import Path

from tarjama.core.fsutil import write_text_atomic

PROJECT = """\
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.{source_tok}</source_tok>
    <target_tok>org.omegat.tokenizer.{target_tok}</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def write_project(folder: Path, source: str, target: str) -> list[Path]:
    """``omegat.project`` and the empty folders OmegaT expects, in *folder*."""
    for name in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    path = folder / "omegat.project"
    text = PROJECT.format(
        source=_tag(source),
        target=_tag(target),
        source_tok=_tokenizer(source),
        target_tok=_tokenizer(target),
    )
    return [path] if write_text_atomic(path, text) else []


def _tag(locale: str) -> str:
    """OmegaT's language code: ``pt_BR`` -> ``PT-BR``."""
    return locale.replace("_", "-").upper()


# OmegaT 3.6's Lucene tokenizers by language (its list); others take its default
_TOKENIZERS = {
    "ar": "Arabic",
    "hy": "Armenian",
    "eu": "Basque",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "zh": "SmartChinese",
    "cs": "Czech",
    "da": "Danish",
    "nl": "Dutch",
    "en": "English",
    "fi": "Finnish",
    "fr": "French",
    "gl": "Galician",
    "de": "German",
    "el": "Greek",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "ms": "Indonesian",
    "ga": "Irish",
    "it": "Italian",
    "ja": "Japanese",
    "lv": "Latvian",
    "nb": "Norwegian",
    "no": "Norwegian",
    "fa": "Persian",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "es": "Spanish",
    "sv": "Swedish",
    "th": "Thai",
    "tr": "Turkish",
}


def _tokenizer(locale: str) -> str:
    name = _TOKENIZERS.get(locale.replace("-", "_").split("_")[0])
    return f"Lucene{name}Tokenizer" if name else "DefaultTokenizer"
