"""The layer's data: one entry per place, counted by claimant, event and precision, the same from the per-data index."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.view import basemap, layer_index


def test_layer_has_every_mapped_incident_with_its_claimant_colour(df):
    colours = basemap.claimant_colours(df["claimed_by"])
    data = layer_index.incident_data(df, colours)
    mapped = df[df["mapped"]]
    # the seed names each place once: one marker per incident
    assert sorted(data["ids"]) == sorted(mapped["incident_id"]) and data["n"] == [1] * len(mapped)
    for i, incident_id in enumerate(data["ids"]):
        row = mapped[mapped["incident_id"] == incident_id].iloc[0]
        lat, lon, where, cc = data["places"][i]
        assert (lat, lon) == pytest.approx((row["latitude"], row["longitude"]), abs=1e-5)
        assert where.split(" → ")[0] == row["location"] and cc == row["country_code"]
        code, k = data["c"][i]
        assert k == 1 and data["claimants"][code] == [row["claimed_by"], colours[row["claimed_by"]]]
        assert data["g"][i] == [int(row["geo_precision"] == p) for p in (1, 2, 3)]
        assert data["events"][data["e"][i][0]] == row["sub_event_type"]
        # times as minutes since the epoch; the zone and its UTC offsets for the local time
        assert data["t0"] + data["t"][i] == row["start"].timestamp() // 60
        assert data["d"][i] == (row["end"] - row["start"]).total_seconds() // 60
        assert data["kinds"][data["k"][i]][:2] == [row["time_precision"], row["local_tz"]]
    # the two sides are told apart by colour
    assert colours["Armenia MoD"] != colours["Azerbaijan MoD"]


def test_incidents_at_one_place_are_one_marker_that_counts_them(df):
    """Markers at one place would hide each other: one marker stands for them all and counts them."""
    one = df[df["mapped"] & (df["claimed_by"] == "Armenia MoD") & (df["geo_precision"] == 2)].iloc[[0]]
    hour = pd.Timedelta(hours=1)
    stack = pd.concat(
        [one.assign(incident_id=f"s{i}", start=one["start"] + i * hour, end=one["end"] + i * hour) for i in range(5)]
        + [
            one.assign(
                incident_id="other",
                claimed_by="Azerbaijan MoD",
                sub_event_type="Armed clash",
                location="Other spelling",
            )
        ]
        + [one.assign(incident_id="exact", geo_precision=1)]
    )
    elsewhere = df[df["mapped"] & (df["latitude"] != one["latitude"].iloc[0])].iloc[[0]]
    data = layer_index.incident_data(pd.concat([elsewhere, stack]), basemap.claimant_colours(stack["claimed_by"]))
    assert data["n"] == [7, 1]  # the place with most incidents first (drawn underneath), then the other place
    names = [c for c, _ in data["claimants"]]
    assert data["ids"] == [None, elsewhere["incident_id"].iloc[0]]  # a place of many has no single id
    assert data["c"][0] == [names.index("Armenia MoD"), 6, names.index("Azerbaijan MoD"), 1]  # wedges, most first
    assert [data["events"][c] for c in data["e"][0][::2]] == [one["sub_event_type"].iloc[0], "Armed clash"]
    assert data["g"][0] == [1, 6, 0]
    assert data["r"][0][0] == -1  # its 15 km ring is shared by two claimants: drawn grey
    assert data["t0"] + data["t"][0] == one["start"].iloc[0].timestamp() // 60
    assert data["d"][0] == (one["end"].iloc[0] + 4 * hour - one["start"].iloc[0]).total_seconds() // 60
    assert data["places"][0][2] == f"{one['location'].iloc[0]} / Other spelling → {one['place'].iloc[0]}"


def test_the_per_data_index_gives_the_same_layer_for_every_window():
    """LayerIndex is made once per data; the layer it gives for a window must be the one made from scratch."""
    from dashboard.store.csvfile import typed
    from dashboard.testing import synthetic
    from dashboard.view import window

    df = typed(synthetic.generate(3000, seed=11))
    colours = basemap.claimant_colours(df["claimed_by"])
    index = layer_index.LayerIndex.build(df)
    lo, hi = window.bounds(df)
    for a, b in ((0, 1), (0.2, 0.3), (0.5, 0.51), (0.9, 1)):
        shown = window.apply(
            df, window.View(lo + (hi - lo) * a, lo + (hi - lo) * b, {"claimant": ("Armenia MoD",)} if a else {})
        )
        fast, slow = layer_index.incident_data(shown, colours, index), layer_index.incident_data(shown, colours)
        assert by_place(fast) == by_place(slow) and sum(fast["n"]) == int(shown["mapped"].sum())
        assert fast["n"] == sorted(fast["n"], reverse=True)  # most incidents first: drawn underneath
    # a frame the index was not built from is not trusted to it
    other = df.head(5).set_axis([f"x{i}" for i in range(5)])
    assert by_place(layer_index.incident_data(other, colours, index)) == by_place(
        layer_index.incident_data(other, colours)
    )


def by_place(data: dict) -> dict:
    """A layer's content by place, in names rather than codes (codes and the order of spellings depend on what
    else is in the data)."""
    names, events = [c for c, _ in data["claimants"]], data["events"]
    out = {}
    for i, (lat, lon, where, cc) in enumerate(data["places"]):
        pairs = lambda flat, table: sorted((table[c], k) for c, k in zip(flat[::2], flat[1::2]))  # noqa: E731
        out[(lat, lon)] = {
            "where": sorted(where.split(" → ")[0].split(" / ")),
            "cc": cc,
            "n": data["n"][i],
            "id": data["ids"][i],
            "g": data["g"][i],
            "claimants": pairs(data["c"][i], names),
            "events": pairs(data["e"][i], events),
            "rings": [names[r] if r >= 0 else None for r in data["r"][i]],
            "t": None if data["t"][i] is None else data["t0"] + data["t"][i],
            "d": data["d"][i],
            "u": data["u"][i],
            "kind": data["kinds"][data["k"][i]] if data["k"][i] >= 0 else None,
        }
    return out


def test_the_counts_by_cell_are_what_pandas_counts_by_place():
    """``layer_data`` counts cells of alike rows, not rows: per place its counts must be pandas' groupby of the rows
    in view, for claimants, precisions, times unknown and origins (ACLED and UCDP rows mixed in)."""
    import numpy as np

    from dashboard.store.csvfile import typed
    from dashboard.testing import synthetic
    from dashboard.view import window

    df = typed(synthetic.generate(4000, seed=5))
    rng = np.random.default_rng(5)
    df["origin"] = rng.choice(["ingest", "acled", "ucdp", "csv"], size=len(df))
    df.loc[rng.random(len(df)) < 0.1, "time_precision"] = "unknown"  # some with no known time
    index = layer_index.LayerIndex.build(df)
    lo, hi = window.bounds(df)
    for a, b in ((0, 1), (0.3, 0.6), (0.7, 0.72)):
        keep = window.mask(df, window.View(lo + (hi - lo) * a, lo + (hi - lo) * b)).to_numpy() & index.mapped
        data = layer_index.layer_data(index, np.flatnonzero(keep), basemap.claimant_colours(df["claimed_by"]))
        rows = df[keep].assign(lat=df["latitude"].round(5), lon=df["longitude"].round(5))
        rows["timed"] = rows["start"].notna() & rows["end"].notna() & (rows["time_precision"] != "unknown")
        by_place = rows.groupby(["lat", "lon"])
        names = [c for c, _ in data["claimants"]]
        got = {(p[0], p[1]): i for i, p in enumerate(data["places"])}
        assert set(got) == set(by_place.groups) and sum(data["n"]) == len(rows)
        for (lat, lon), group in by_place:
            i = got[(lat, lon)]
            assert data["n"][i] == len(group)
            pairs = data["c"][i]
            assert {names[c]: k for c, k in zip(pairs[::2], pairs[1::2])} == group[
                "claimed_by"
            ].value_counts().to_dict()
            assert data["g"][i] == [int((group["geo_precision"] == p).sum()) for p in (1, 2, 3)]
            assert data["u"][i] == int((~group["timed"]).sum())
            origin = group["origin"].map({"acled": 1, "ucdp": 2}).fillna(0)
            assert data["o"][i] == [int((origin == k).sum()) for k in (0, 1, 2)]
            if group["timed"].any():
                first = group.loc[group["timed"], "start"].min()
                assert data["t0"] + data["t"][i] == (first - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(minutes=1)
