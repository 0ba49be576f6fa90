"""The top layer: what builds the app's long-lived services and composes the domains for the API."""
