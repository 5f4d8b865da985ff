"""Command groups of the `dangjian` command line, one module each."""
