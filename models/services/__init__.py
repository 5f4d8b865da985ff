"""Services: every change a clerk makes goes through one of these, with a Session and an Actor."""
