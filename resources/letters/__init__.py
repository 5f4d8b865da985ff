"""Letter text templates: the first line is the title, each further line a body paragraph."""
