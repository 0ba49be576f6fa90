"""Production refuses to believe X-Forwarded-For from everyone: a client would choose its own address."""

import pytest
from pydantic import ValidationError

from tests.support.settings import production_settings as make


@pytest.mark.parametrize("value", ["*", "172.29.57.10, *"])
def test_production_refuses_trusting_every_proxy(value: str):
    with pytest.raises(ValidationError) as err:
        make(forwarded_allow_ips=value)
    assert "FORWARDED_ALLOW_IPS must name the proxy" in str(err.value)


@pytest.mark.parametrize("value", ["127.0.0.1", "172.29.57.10", "10.0.0.0/16"])
def test_production_accepts_the_proxy_address(value: str):
    assert make(forwarded_allow_ips=value).forwarded_allow_ips == value


def test_production_reads_the_variable_uvicorn_reads(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    with pytest.raises(ValidationError, match="FORWARDED_ALLOW_IPS"):
        make()
