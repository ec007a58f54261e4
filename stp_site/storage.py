from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, gzip- and brotli-compressed static files; ES module imports get hashed names too."""

    support_js_module_import_aggregation = True
    # Wagtail's own admin bundles reference source maps that are not shipped.
    manifest_strict = False
