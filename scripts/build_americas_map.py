"""Build countries/map_shapes.json, the member states' outlines for the map of the Americas.

A developer tool, run once when the map should change; the site only reads the JSON it writes.

Source: Natural Earth's 1:110m admin-0 countries and populated places (public domain), as shipped
inside the geopandas 0.14.4 wheel on PyPI (``geopandas/datasets/naturalearth_*``; later geopandas
releases dropped them). The wheel is fetched into a temporary folder with pip and read in place, so
neither geopandas nor anything else is installed and only the standard library is used::

    .venv/bin/python scripts/build_americas_map.py            # pip downloads the wheel
    .venv/bin/python scripts/build_americas_map.py path/to/geopandas-0.14.4-py3-none-any.whl

What it does: projects the outlines with a Lambert azimuthal equal-area projection centred on the
Americas, simplifies them (Douglas-Peucker, about one pixel), and writes one SVG path per member
state keyed by ISO 3166 alpha-2, plus the land of non-members as a grey background. Caribbean
states too small to click at this scale (or absent at 1:110m, like Saint Lucia) get a labelled
marker in a column off the coast, joined to the island (or its capital) by a leader line.
"""

import json
import math
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
DATASETS = "geopandas/datasets/"
OUTPUT = Path(__file__).resolve().parent.parent / "countries" / "map_shapes.json"

# The 35 member states of the OAS: ISO alpha-3 (Natural Earth's key) -> alpha-2 (the site's key).
MEMBERS = {
    "ATG": "AG",
    "ARG": "AR",
    "BHS": "BS",
    "BRB": "BB",
    "BLZ": "BZ",
    "BOL": "BO",
    "BRA": "BR",
    "CAN": "CA",
    "CHL": "CL",
    "COL": "CO",
    "CRI": "CR",
    "CUB": "CU",
    "DMA": "DM",
    "DOM": "DO",
    "ECU": "EC",
    "SLV": "SV",
    "GRD": "GD",
    "GTM": "GT",
    "GUY": "GY",
    "HTI": "HT",
    "HND": "HN",
    "JAM": "JM",
    "MEX": "MX",
    "NIC": "NI",
    "PAN": "PA",
    "PRY": "PY",
    "PER": "PE",
    "KNA": "KN",
    "LCA": "LC",
    "VCT": "VC",
    "SUR": "SR",
    "TTO": "TT",
    "USA": "US",
    "URY": "UY",
    "VEN": "VE",
}
# Island states with no outline at 1:110m: their marker points at the capital.
CAPITALS = {
    "AG": "Saint John's",
    "BB": "Bridgetown",
    "DM": "Roseau",
    "GD": "Saint George's",
    "KN": "Basseterre",
    "LC": "Castries",
    "VC": "Kingstown",
}
# Markers of the Lesser Antilles stand in one column in the Atlantic; the others sit beside
# their island, moved by (dx, dy) into open sea.
LESSER_ANTILLES = {"AG", "BB", "DM", "GD", "KN", "LC", "VC", "TT"}
BESIDE = {"BS": (22, 4), "JM": (0, 18)}

CENTRE_LON, CENTRE_LAT = -80.0, 15.0
WIDTH = 800  # viewBox width; the height follows the member states' extent
MARGIN = 12
TOLERANCE = 0.5  # simplification, in viewBox units
SMALLEST_RING = 4.0  # rings with a smaller area (viewBox units²) are dropped
CLICKABLE = 50  # a Caribbean state whose outline covers less area (viewBox units²) gets a marker
MARKER_GAP = 26  # vertical distance between stacked markers
MARKER_OFFSET = 70  # how far east of the easternmost island the marker column stands


# --- Reading the shapefile -----------------------------------------------------------------


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The attribute table: one dict of text values per record (Natural Earth uses Latin-1)."""
    count = struct.unpack("<I", data[4:8])[0]
    header_length, record_length = struct.unpack("<HH", data[8:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        fields.append((data[offset : offset + 11].split(b"\0")[0].decode(), data[offset + 16]))
        offset += 32
    records = []
    for index in range(count):
        start = header_length + index * record_length + 1
        record, position = {}, start
        for name, length in fields:
            record[name] = data[position : position + length].decode("latin-1").strip()
            position += length
        records.append(record)
    return records


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings of (lon, lat); points are returned as one-point rings."""
    shapes, offset = [], 100
    while offset < len(data):
        content_length = struct.unpack(">I", data[offset + 4 : offset + 8])[0] * 2
        body = data[offset + 8 : offset + 8 + content_length]
        shapes.append(_shape_rings(body))
        offset += 8 + content_length
    return shapes


def _shape_rings(body: bytes) -> list[list[tuple[float, float]]]:
    shape_type = struct.unpack("<i", body[:4])[0]
    if shape_type == 1:
        return [[struct.unpack("<2d", body[4:20])]]
    part_count, point_count = struct.unpack("<2i", body[36:44])
    parts = [*struct.unpack(f"<{part_count}i", body[44 : 44 + 4 * part_count]), point_count]
    start = 44 + 4 * part_count
    points = [struct.unpack("<2d", body[start + 16 * i : start + 16 * i + 16]) for i in range(point_count)]
    return [points[parts[i] : parts[i + 1]] for i in range(part_count)]


def read_layer(wheel: zipfile.ZipFile, name: str) -> list[tuple[dict[str, str], list]]:
    folder = f"{DATASETS}{name}/{name}"
    records = read_dbf(wheel.read(f"{folder}.dbf"))
    return list(zip(records, read_shp(wheel.read(f"{folder}.shp")), strict=True))


# --- Geometry -------------------------------------------------------------------------------


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area: areas keep their proportions, Canada is not inflated."""
    lam, phi = math.radians(lon - CENTRE_LON), math.radians(lat)
    phi0 = math.radians(CENTRE_LAT)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    k = math.sqrt(2 / (1 + cos_c))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, -y


def simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on a closed ring, split at the point farthest from its start.

    Iterative, so long coastlines do not hit the recursion limit.
    """
    points = ring[:-1] if ring[0] == ring[-1] else ring
    if len(points) < 3:
        return points
    far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
    points = [*points, points[0]]
    keep = {0, far, len(points) - 1}
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)][:-1]


def _farthest(points: list[tuple[float, float]], first: int, last: int) -> tuple[int, float]:
    (ax, ay), (bx, by) = points[first], points[last]
    length = math.hypot(bx - ax, by - ay) or 1e-12
    best, best_distance = first, 0.0
    for i in range(first + 1, last):
        px, py = points[i]
        distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
        if distance > best_distance:
            best, best_distance = i, distance
    return best, best_distance


def area(ring: list[tuple[float, float]]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def bounds(rings: list[list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _y in ring]
    ys = [y for ring in rings for _x, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Compact SVG path: an absolute move, then whole-unit relative lines per ring."""
    commands = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(deduplicated) < 3:
            continue
        (x, y), steps = deduplicated[0], []
        for nx, ny in deduplicated[1:]:
            steps.append(f"{nx - x} {ny - y}")
            x, y = nx, ny
        commands.append(f"M{deduplicated[0][0]} {deduplicated[0][1]}l" + " ".join(steps) + "z")
    return "".join(commands).replace(" -", "-")


# --- Building the map -----------------------------------------------------------------------


def load(wheel_path: Path) -> tuple[dict[str, list], list[list], dict[str, tuple[float, float]]]:
    """Member outlines by alpha-2, other land of the Americas, and capitals, all projected."""
    with zipfile.ZipFile(wheel_path) as wheel:
        countries = read_layer(wheel, "naturalearth_lowres")
        cities = read_layer(wheel, "naturalearth_cities")
    members, background = {}, []
    for record, rings in countries:
        if record["iso_a3"] in MEMBERS:
            members[MEMBERS[record["iso_a3"]]] = [[project(*p) for p in ring] for ring in rings]
        elif record["continent"] in ("North America", "South America"):
            background += [[project(*p) for p in ring] for ring in rings]
        elif record["iso_a3"] == "FRA":
            # French Guiana: the only rings of France west of the Atlantic.
            american = [ring for ring in rings if max(lon for lon, _lat in ring) < -30]
            background += [[project(*p) for p in ring] for ring in american]
    capitals = {record["name"]: project(*rings[0][0]) for record, rings in cities}
    return members, background, capitals


def to_view(points: list[tuple[float, float]], scale: float, origin: tuple[float, float]) -> list:
    return [((x - origin[0]) * scale, (y - origin[1]) * scale) for x, y in points]


def shrink(rings: list[list], scale: float, origin: tuple[float, float], keep_largest: bool) -> list:
    """Rings in viewBox units, simplified, without specks (a member keeps at least its largest)."""
    result = [simplify(to_view(ring, scale, origin), TOLERANCE) for ring in rings]
    result = [ring for ring in result if len(ring) >= 3]
    kept = [ring for ring in result if area(ring) >= SMALLEST_RING]
    if keep_largest and not kept and result:
        kept = [max(result, key=area)]
    return kept


def place_markers(anchors: dict[str, tuple[float, float]]) -> dict[str, dict]:
    """Markers beside their island, or for the Lesser Antilles stacked in a column east of them,
    north to south so that the leader lines never cross."""
    markers = {
        code: _marker(anchor, anchor[0] + BESIDE[code][0], anchor[1] + BESIDE[code][1])
        for code, anchor in anchors.items()
        if code in BESIDE
    }
    column = {code: anchor for code, anchor in anchors.items() if code in LESSER_ANTILLES}
    return markers | _column(column)


def _marker(anchor: tuple[float, float], x: float, y: float) -> dict:
    return {"x": round(x), "y": round(y), "anchor": [round(anchor[0]), round(anchor[1])]}


def _column(anchors: dict[str, tuple[float, float]]) -> dict[str, dict]:
    order = sorted(anchors, key=lambda code: anchors[code][1])
    column_x = max(x for x, _y in anchors.values()) + MARKER_OFFSET
    # The column ends level with the southernmost island, so it stays clear of South America.
    top = max(y for _x, y in anchors.values()) - MARKER_GAP * (len(order) - 1)
    return {
        code: _marker(anchors[code], column_x, top + MARKER_GAP * position)
        for position, code in enumerate(order)
    }


def marker_anchors(shapes: dict[str, list], capitals: dict[str, tuple]) -> dict[str, tuple[float, float]]:
    """Where each too-small Caribbean state's leader line starts: its outline's centre, or its capital."""
    anchors = dict(capitals)
    for code in LESSER_ANTILLES | BESIDE.keys():
        outline = shapes.get(code)
        if outline and sum(area(ring) for ring in outline) < CLICKABLE:
            x0, y0, x1, y1 = bounds(outline)
            anchors[code] = ((x0 + x1) / 2, (y0 + y1) / 2)
    return anchors


def build(wheel_path: Path) -> dict:
    members, background, capitals = load(wheel_path)
    left, top, right, bottom = bounds([ring for rings in members.values() for ring in rings])
    scale = (WIDTH - 2 * MARGIN - MARKER_OFFSET - 20) / (right - left)
    origin = (left - MARGIN / scale, top - MARGIN / scale)
    shapes = {
        code: shrink(members.get(code, []), scale, origin, keep_largest=True) for code in MEMBERS.values()
    }
    capitals = {code: to_view([capitals[name]], scale, origin)[0] for code, name in CAPITALS.items()}
    markers = place_markers(marker_anchors(shapes, capitals))
    height = round((bottom - top) * scale + 2 * MARGIN)
    land = shrink(background, scale, origin, keep_largest=False)
    countries = {
        code: {"d": path_data(shapes[code]), "marker": markers.get(code)} for code in sorted(MEMBERS.values())
    }
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via scripts/build_americas_map.py",
        "viewBox": f"0 0 {WIDTH} {height}",
        "land": path_data(land),
        "countries": countries,
    }


def fetch_wheel(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL, "-d", str(folder)]
    subprocess.run(command, check=True)  # noqa: S603 - a fixed pip command, no user input
    return next(folder.glob("geopandas-*.whl"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        wheel = Path(sys.argv[1]) if len(sys.argv) > 1 else fetch_wheel(Path(folder))
        data = build(wheel)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(f"Wrote {OUTPUT} ({len(text.encode()) // 1024} KB)")


if __name__ == "__main__":
    main()
