"""PETRARCH agent dictionaries (noun → sector) imported into a store are used wherever that
store's registry codes articles: ingest in one process or in workers, recode, Spark."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.actors import ActorRegistry, ActorResolver, RegistryEntry, import_petrarch_actors
from detente.errors import InputError
from detente.ingest import ingest
from detente.model import Article
from detente.registry_store import import_agents, list_sector_nouns, load_registry
from detente.store import Store
from detente.store.migrations import LATEST_VERSION, MIGRATIONS

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "petrarch-dictionaries"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason="the PETRARCH dictionaries in ../shared/data are not present on this machine",
)

AGENTS = """\
# Security forces and workers missing from the built-in tables.
!PERSON! = MAN, MEN
CARABINIERI {} [~COP]
STEVEDORE [~LAB]
DOCK!PERSON! [~LAB]
"""
ARREST = (
    "Title: Arrests in Palermo\nDate: 2024-03-05\n\n"
    "Italian carabinieri arrested two Tunisian smugglers in Palermo on Monday.\n"
)
DOCKS = (
    "Title: Haifa port\nDate: 2024-03-06\n\n"
    "Israeli police arrested Palestinian stevedores at the port of Haifa on Monday.\n"
)


@pytest.fixture
def agents_file(tmp_path) -> Path:
    path = tmp_path / "security.agents.txt"
    path.write_text(AGENTS)
    return path


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "arrest.txt").write_text(ARREST)
    (folder / "docks.txt").write_text(DOCKS)
    return folder


def stored_actors(store: Store) -> set[tuple[str, str, str]]:
    rows = store.query("SELECT source_code, code, target_code FROM events")
    return {(r["source_code"], r["code"], r["target_code"]) for r in rows}


# -- storage ------------------------------------------------------------------------------
def test_importing_an_agent_dictionary_stores_each_noun_with_its_sector(tmp_path, agents_file):
    with Store(tmp_path / "s.duckdb") as store:
        assert import_agents(store, agents_file) == 4
        rows = list_sector_nouns(store)
    assert [(r["noun"], r["sector"]) for r in rows] == [
        ("carabinieri", "COP"),
        ("dockman", "LAB"),
        ("dockmen", "LAB"),
        ("stevedore", "LAB"),
    ]
    assert {r["origin_file"] for r in rows} == {str(agents_file.resolve())}


def test_reimporting_updates_the_nouns_instead_of_duplicating_them(tmp_path, agents_file):
    with Store(tmp_path / "s.duckdb") as store:
        import_agents(store, agents_file)
        import_agents(store, agents_file)
        assert store.scalar("SELECT count(*) FROM sector_nouns") == 4
        agents_file.write_text(AGENTS.replace("STEVEDORE [~LAB]", "STEVEDORE [~BUS]"))
        import_agents(store, agents_file)
        assert store.scalar("SELECT count(*) FROM sector_nouns") == 4
        assert load_registry(store).sector_nouns["stevedore"] == "BUS"


def test_listing_searches_nouns_and_sectors(tmp_path, agents_file):
    with Store(tmp_path / "s.duckdb") as store:
        import_agents(store, agents_file)
        assert [r["noun"] for r in list_sector_nouns(store, "dock")] == ["dockman", "dockmen"]
        assert [r["noun"] for r in list_sector_nouns(store, "cop")] == ["carabinieri"]


def test_a_file_without_agent_lines_is_refused_and_stores_nothing(tmp_path):
    actors = tmp_path / "people.actors.txt"
    actors.write_text("GIUSEPPE_ROSSI_\n+ROSSI\n    [ITAGOV >20200101]\n")
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(InputError, match="is not a PETRARCH agent dictionary"):
            import_agents(store, actors)
        assert store.scalar("SELECT count(*) FROM sector_nouns") == 0


def test_an_agent_dictionary_imported_as_actors_is_refused(agents_file):
    with pytest.raises(InputError, match="is an agent dictionary.*--agents"):
        import_petrarch_actors(agents_file)


def test_a_store_at_schema_4_gains_the_table_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a store as detente wrote it before agent dictionaries
    con.execute("CREATE TABLE detente_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO detente_meta VALUES ('application', 'detente')")
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP)"
    )
    for migration in MIGRATIONS[:4]:
        con.execute(migration.sql)
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, now())",
            [migration.version, migration.name],
        )
    con.execute(
        "INSERT INTO actors (key, name, aliases, code, origin, updated_at) "
        "VALUES ('rossi', 'Giuseppe Rossi', ['Rossi'], 'ITAGOV', 'user', now())"
    )
    con.close()
    with Store(path) as store:
        assert store.schema_version == LATEST_VERSION >= 5
        assert store.scalar("SELECT count(*) FROM sector_nouns") == 0
        registry = load_registry(store)
    assert registry.lookup("Rossi").code == "ITAGOV"
    assert registry.sector_nouns == {}


# -- the registry snapshot ----------------------------------------------------------------
def test_registry_records_carry_the_sector_nouns_and_rebuild_the_registry():
    rossi = RegistryEntry("Giuseppe Rossi", ("Rossi",), "ITA", "GOV", "ITAGOV", origin="user")
    registry = ActorRegistry([rossi], sector_nouns={"stevedore": "LAB", "carabinieri": "COP"})
    records = registry.to_records()
    assert records[-1] == {"sector_nouns": {"carabinieri": "COP", "stevedore": "LAB"}}
    rebuilt = ActorRegistry.from_records(records)
    assert list(rebuilt) == [rossi]
    assert rebuilt.sector_nouns == registry.sector_nouns


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=20),
        st.sampled_from(["COP", "MIL", "LAB", "GOV", "REB"]),
        max_size=8,
    )
)
def test_any_sector_nouns_survive_the_records_round_trip(nouns):
    rebuilt = ActorRegistry.from_records(ActorRegistry(sector_nouns=nouns).to_records())
    assert rebuilt.sector_nouns == nouns


def test_a_registry_without_nouns_is_its_entries_records_alone():
    rossi = RegistryEntry("Giuseppe Rossi", (), "ITA", "GOV", "ITAGOV", origin="user")
    assert ActorRegistry([rossi]).to_records() == [rossi.to_record()]


def test_a_malformed_nouns_record_is_a_clear_error():
    with pytest.raises(InputError, match="not a mapping of noun to sector"):
        ActorRegistry.from_records([{"sector_nouns": ["carabinieri"]}])


def test_the_spark_registry_key_changes_when_the_nouns_change():
    from detente.spark.job import registry_key

    cop = ActorRegistry(sector_nouns={"carabinieri": "COP"}).to_records()
    mil = ActorRegistry(sector_nouns={"carabinieri": "MIL"}).to_records()
    assert registry_key(cop) != registry_key(mil) != registry_key([])
    assert registry_key(cop) == registry_key(ActorRegistry.from_records(cop).to_records())


# -- coding with them ---------------------------------------------------------------------
def test_a_resolver_uses_the_registrys_nouns_unless_given_its_own(nlp, phrase):
    text = "Italian carabinieri arrested two Tunisian smugglers in Palermo on Monday."
    doc = nlp(text)
    article = Article(text, published=date(2024, 3, 4))
    registry = ActorRegistry(sector_nouns={"carabinieri": "COP"})
    with_nouns = ActorResolver(registry).for_article(doc, article)
    assert with_nouns.resolve(phrase(doc, "Italian carabinieri")).code == "ITACOP"
    overridden = ActorResolver(registry, sector_nouns={}).for_article(doc, article)
    assert overridden.resolve(phrase(doc, "Italian carabinieri")) is None


@pytest.mark.slow
def test_ingest_codes_nouns_only_the_imported_file_knows(tmp_path, agents_file, news):
    with Store(tmp_path / "before.duckdb") as store:
        ingest([news], store)
        before = stored_actors(store)
    with Store(tmp_path / "after.duckdb") as store:
        import_agents(store, agents_file)
        ingest([news], store)
        after = stored_actors(store)
    assert ("ITACOP", "173", "TUNCRM") in after and ("ITACOP", "173", "TUNCRM") not in before
    assert ("ISRCOP", "173", "PSELAB") in after  # "stevedores": the plural of the file's noun


@pytest.mark.slow
def test_worker_processes_code_with_the_stored_nouns(tmp_path, agents_file, news):
    with Store(tmp_path / "s.duckdb") as store:
        import_agents(store, agents_file)
        ingest([news], store, workers=2, batch_size=1)
        assert {("ITACOP", "173", "TUNCRM"), ("ISRCOP", "173", "PSELAB")} <= stored_actors(store)


@pytest.mark.slow
def test_recode_uses_nouns_imported_after_the_first_coding(tmp_path, agents_file, news):
    from detente.recode import recode

    with Store(tmp_path / "s.duckdb") as store:
        ingest([news], store)
        assert ("ITACOP", "173", "TUNCRM") not in stored_actors(store)
        import_agents(store, agents_file)
        # the imported nouns make another pipeline version: recode finds every article stale
        summary = recode(store)
        assert summary.articles == 2
        assert ("ITACOP", "173", "TUNCRM") in stored_actors(store)


def test_the_coders_version_names_the_users_dictionaries():
    from detente.events.coder import EventCoder

    plain = EventCoder(ActorRegistry()).version
    cop = EventCoder(ActorRegistry(sector_nouns={"carabinieri": "COP"})).version
    mil = EventCoder(ActorRegistry(sector_nouns={"carabinieri": "MIL"})).version
    assert plain == EventCoder.version
    assert len({plain, cop, mil}) == 3 and cop.startswith(f"{plain}+dict.")


# -- the command line ---------------------------------------------------------------------
def detente(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "detente", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_imports_agents_lists_them_and_refuses_other_files(tmp_path, agents_file):
    db = str(tmp_path / "s.duckdb")
    imported = detente("actors", "import", str(agents_file), "--agents", "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert f"imported 4 sector nouns from {agents_file}" in imported.stdout
    listed = detente("actors", "agents", "--db", db, "--search", "dock", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0] == "noun,sector,origin_file,imported_at"
    assert [line.split(",")[:2] for line in listed.stdout.splitlines()[1:]] == [
        ["dockman", "LAB"],
        ["dockmen", "LAB"],
    ]
    wrong = detente("actors", "import", str(agents_file), "--db", db)  # --agents forgotten
    assert wrong.returncode == 1
    assert "[D010]" in wrong.stderr and "--agents" in wrong.stderr


def test_the_command_refuses_a_file_with_no_agent_lines(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Carabinieri are Italy's gendarmerie.\n")
    result = detente("actors", "import", str(notes), "--agents", "--db", str(tmp_path / "s.duckdb"))
    assert result.returncode == 1
    assert "[D010]" in result.stderr and "not a PETRARCH agent dictionary" in result.stderr
    assert "Traceback" not in result.stderr


# -- the real dictionaries ----------------------------------------------------------------
@needs_shared
def test_the_phoenix_agent_dictionary_imports_once_however_often(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        count = import_agents(store, SHARED / "Phoenix.agents.txt")
        assert count > 3_000
        assert import_agents(store, SHARED / "Phoenix.agents.txt") == count
        assert store.scalar("SELECT count(*) FROM sector_nouns") == count
        nouns = load_registry(store).sector_nouns
    assert nouns["riot police"] == "COP"
    assert nouns["gendarmery"] == "COP"


@needs_shared
def test_the_phoenix_actor_dictionaries_are_refused_as_agent_files(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
            with pytest.raises(InputError, match="not a PETRARCH agent dictionary"):
                import_agents(store, SHARED / name)
