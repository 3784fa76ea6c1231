from pathlib import Path

import pytest

from teams_app.config import AppType, ConfigError, is_loopback, load_settings
from teams_app.storage.cipher import generate_key

NO_DOTENV = Path("/nonexistent/.env")


def settings_from(env: dict[str, str], dotenv: Path = NO_DOTENV):  # type: ignore[no-untyped-def]
    return load_settings(env, dotenv)


def test_dev_mode_on_loopback_may_run_without_an_app_id() -> None:
    settings = settings_from({"TANDEM_DEV_MODE": "true"})
    assert not settings.auth_enabled
    assert settings.effective_database_url.startswith("sqlite+aiosqlite:///")
    assert settings.effective_database_url.endswith("var/tandem.db")


def test_empty_app_id_without_dev_mode_refuses_to_start() -> None:
    with pytest.raises(ConfigError, match="TANDEM_APP_ID is empty"):
        settings_from({})


def test_empty_app_id_on_a_public_address_refuses_to_start_even_in_dev_mode() -> None:
    with pytest.raises(ConfigError, match="may only listen on loopback"):
        settings_from({"TANDEM_DEV_MODE": "1", "TANDEM_HOST": "0.0.0.0"})


KEY = {"TANDEM_ENCRYPTION_KEYS": generate_key()}


def test_single_tenant_app_needs_secret_tenant_and_encryption_key() -> None:
    with pytest.raises(ConfigError, match="TANDEM_ENCRYPTION_KEYS is empty"):
        settings_from({"TANDEM_APP_ID": "app", "TANDEM_APP_PASSWORD": "s"})
    with pytest.raises(ConfigError, match="client secret or a certificate"):
        settings_from({"TANDEM_APP_ID": "app", **KEY})
    with pytest.raises(ConfigError, match="TANDEM_TENANT_ID is empty"):
        settings_from({"TANDEM_APP_ID": "app", "TANDEM_APP_PASSWORD": "s", **KEY})
    ok = settings_from(
        {"TANDEM_APP_ID": "app", "TANDEM_APP_PASSWORD": "s", "TANDEM_TENANT_ID": "t", **KEY}
    )
    assert ok.app_type is AppType.SINGLE_TENANT and ok.auth_enabled
    assert "'s'" not in repr(ok) and KEY["TANDEM_ENCRYPTION_KEYS"] not in repr(ok)


def test_bad_value_names_its_source_key_and_what_is_allowed() -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from({"TANDEM_DEV_MODE": "true", "TANDEM_PORT": "eighty"})
    message = str(caught.value)
    assert (
        message == "environment: TANDEM_PORT: must be a whole number from 0 to 65535, got 'eighty'"
    )
    assert "\n" not in message


def test_bad_value_in_dotenv_names_the_file(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("TANDEM_DEV_MODE=true\nTANDEM_APP_TYPE=Sometimes\n")
    with pytest.raises(ConfigError, match=r"\.env: TANDEM_APP_TYPE: must be one of SingleTenant"):
        settings_from({}, dotenv)


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("TANDEM_DEV_MODE=true\nTANDEM_PROGRAMME=iom\n")
    assert settings_from({"TANDEM_PROGRAMME": "jposc"}, dotenv).programme == "jposc"


def test_lists_and_tenant_allow_list_are_parsed() -> None:
    settings = settings_from(
        {"TANDEM_DEV_MODE": "yes", "TANDEM_ADMINS": "a, b;c", "TANDEM_ALLOWED_TENANTS": "t1"}
    )
    assert settings.admins == ("a", "b", "c")
    assert settings.tenant_allowed("t1")
    assert not settings.tenant_allowed("t2")
    assert not settings.tenant_allowed(None)


def test_loopback_addresses_are_recognised() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.5")


def test_job_timings_and_a_dev_clock_start_are_read_and_checked() -> None:
    settings = settings_from(
        {
            "TANDEM_DEV_MODE": "true",
            "TANDEM_JOB_SWEEP_SECONDS": "0.5",
            "TANDEM_JOB_LEASE_SECONDS": "30",
            "TANDEM_CLOCK_START": "2026-10-05T10:00:00+00:00",
        }
    )
    assert (settings.job_sweep_seconds, settings.job_lease_seconds) == (0.5, 30.0)
    assert settings.clock_start is not None and settings.clock_start.isoformat().startswith(
        "2026-10-05T10:00"
    )
    with pytest.raises(ConfigError, match="TANDEM_JOB_LEASE_SECONDS: must be a number of sec"):
        settings_from({"TANDEM_DEV_MODE": "true", "TANDEM_JOB_LEASE_SECONDS": "0"})
    with pytest.raises(ConfigError, match="TANDEM_CLOCK_START: must be an ISO instant"):
        settings_from({"TANDEM_DEV_MODE": "true", "TANDEM_CLOCK_START": "2026-10-05T10:00"})


def test_moving_the_clock_is_refused_outside_dev_mode() -> None:
    env = {"TANDEM_APP_ID": "app", "TANDEM_APP_PASSWORD": "s", "TANDEM_TENANT_ID": "t"}
    env |= {"TANDEM_ENCRYPTION_KEYS": generate_key(), "TANDEM_CLOCK_START": "2026-10-05T10:00Z"}
    with pytest.raises(ConfigError, match="TANDEM_CLOCK_START moves Tandem's clock"):
        settings_from(env)
