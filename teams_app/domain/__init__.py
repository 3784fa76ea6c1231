"""The rules of a mentoring programme, in pure Python: no I/O, no Teams, no SQL, no HTTP."""
