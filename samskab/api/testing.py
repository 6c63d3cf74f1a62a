"""Test helpers for the API: a JSON client that authenticates with a personal token."""

import json

from django.test import Client

from .actions import create_token

PREFIX = "/api/v1"


class ApiClient:
    """`api.get("/people/citizens")` → the response, with `.json()`; bearer token included."""

    def __init__(self, user=None, *, secret=None, **headers):
        self.client = Client()
        if user is not None and secret is None:
            _token, secret = create_token(by=user, name="test")
        self.headers = {**headers}
        if secret:
            self.headers["Authorization"] = f"Bearer {secret}"

    def _call(self, method, path, data=None, **kwargs):
        body = {}
        if data is not None:
            body = {"data": json.dumps(data, default=str), "content_type": "application/json"}
        return getattr(self.client, method)(
            PREFIX + path, **body, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs
        )

    def get(self, path, params=None, **kwargs):
        return self.client.get(
            PREFIX + path, params or {}, headers={**self.headers, **kwargs.pop("headers", {})}
        )

    def post(self, path, data=None, **kwargs):
        return self._call("post", path, data if data is not None else {}, **kwargs)

    def put(self, path, data=None, **kwargs):
        return self._call("put", path, data, **kwargs)

    def patch(self, path, data=None, **kwargs):
        return self._call("patch", path, data, **kwargs)

    def delete(self, path, **kwargs):
        return self._call("delete", path, **kwargs)
