"""Durable jobs (due time, unique key, lease): the runner arrives with the nudges."""
