"""Use cases: each decides with the domain and acts through the ports of ports.py."""
