"""Delivery: test sends over SMTP, .eml files, and pushes to the email services advertisers send from."""
