"""Documents: PDF letters and reports, xlsx templates, imports and exports. Never imports Qt."""
