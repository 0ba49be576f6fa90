"""Clients of the email services' template APIs: create a template, or update the one pushed before."""
