"""One pure function per format: data in, text out. Nothing here prints or touches files."""
