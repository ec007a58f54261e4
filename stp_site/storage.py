from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    """Django's hashing patterns, minus source map references: our packages ship no .map files."""
    kept = []
    for extension, rules in patterns:
        rules = tuple(rule for rule in rules if "sourceMappingURL" not in str(rule))
        if rules:
            kept.append((extension, rules))
    return tuple(kept)


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, gzip- and brotli-compressed static files; ES module imports get hashed names too."""

    support_js_module_import_aggregation = True
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
    # Wagtail's own admin bundles reference files that are not shipped.
    manifest_strict = False
