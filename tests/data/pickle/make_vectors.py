"""Makes python_vectors.json: pickles CPython wrote, with their repr(), for the pickle tests.

Run with python3 (3.11 made the committed file) from this directory: python3 make_vectors.py
The tests never run Python; they read the JSON. Each vector:
  group     "values" (builtin/stdlib), "user" (user classes), "built" (C++ helpers), "large" (framing:
            sha256 and size of the pickle instead of the pickle)
  protocol  0-5
  pickle    base64 of pickle.dumps(value, protocol)
  repr      repr(value)
  readable  for "user": the class path + state form djq prints (SEMANTICS.md §3)
  name      for "built": which C++ helper call the test makes
"""
import base64, collections, dataclasses, datetime, decimal, enum, fractions, json, pathlib, pickle, random, struct, sys, types, uuid

vectors = []

def add(group, value, protocols=range(6), **extra):
    for protocol in protocols:
        vectors.append(dict(group=group, protocol=protocol, pickle=base64.b64encode(pickle.dumps(value, protocol=protocol)).decode(),
                            repr=repr(value), **extra))

# ---- builtin and standard-library values, every protocol --------------------------------------------
values = [
    None, True, False, 0, 1, 255, 256, 65535, 65536, -1, -129, 2**31 - 1, -2**31, 2**31, 2**63, -2**63 - 1, 2**100, -2**70, 10**40 + 7,
    0.0, -0.0, 0.1, 1.5, -2.25, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 1.5e-05, 1e300, 5e-324, 1.7976931348623157e308,
    float("inf"), float("-inf"), float("nan"), 2.0 ** -1022, 7.120236347223045e-307,
    "", "a", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there\nnewline\r", "\x00\x07\x1b\x7f", "é ü ß",
    "\u2028\u2029\ufeff\xa0\xad", "日本語", "emoji 😀", "\U000e0001 tag", "\ud7ff", "\U00055317 unassigned", "\ue000 private", "x" * 300,
    b"", b"abc", b"it's", b"\x00\xff\x80\n\t\\", bytes(range(256)), bytearray(b""), bytearray(b"it's"), bytearray(b'"\''),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),), [], [1], [1, [2, [3, []]]], {}, {"k": [1, 2]}, {1: "a", (1, 2): None, "z": {}},
    set(), {1}, {1, 2, 3}, frozenset(), frozenset({"a"}), [set(), frozenset({1, 2})],
    complex(1, 2), complex(0, 2), complex(-0.0, -1), complex(0, 0), complex(1.5, -0.0), complex(float("inf"), float("nan")), complex(1e16, 1e-5),
    datetime.datetime(2024, 2, 29, 13, 45, 5, 120), datetime.datetime(2024, 1, 1), datetime.datetime(2024, 1, 1, 0, 0, 7),
    datetime.datetime(2026, 11, 24, 1, 34, 22, 756000, tzinfo=datetime.timezone.utc),
    datetime.datetime(2026, 3, 29, 2, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    datetime.datetime(1, 1, 1), datetime.datetime(9999, 12, 31, 23, 59, 59, 999999),
    datetime.date(2024, 2, 29), datetime.time(0, 0), datetime.time(23, 59, 59, 999999), datetime.time(12, 30, tzinfo=datetime.timezone.utc),
    datetime.timedelta(0), datetime.timedelta(days=1, seconds=5), datetime.timedelta(days=-1), datetime.timedelta(microseconds=1),
    datetime.timedelta(days=-5, seconds=3, microseconds=7), datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-5), "EST"),
    decimal.Decimal("1.10"), decimal.Decimal("-0"), decimal.Decimal("1E+5"), decimal.Decimal("NaN"), decimal.Decimal("-Infinity"),
    uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1),
    collections.OrderedDict(), collections.OrderedDict([("b", 1), ("a", 2)]), collections.Counter(), collections.Counter("abracadabra"),
    collections.deque(), collections.deque([1, 2, 3], maxlen=5), collections.deque(["x"]), collections.defaultdict(list, {"a": [1]}),
    collections.defaultdict(None), range(0, 5), range(1, 9, 2), slice(1, None, 2), fractions.Fraction(1, 3), fractions.Fraction(-7, 2),
    pathlib.PurePosixPath("/etc/passwd"), pathlib.PurePosixPath("a/b"), pathlib.PurePosixPath(),
    ValueError("bad value"), KeyError("k"), RuntimeError(), OSError(2, "No such file or directory"),
    int, str, len,
]
for value in values:
    add("values", value)

# Shared and recursive structures.
shared = [1, 2]
add("values", [shared, shared, {"again": shared}])
recursive = []
recursive.append(recursive)
add("values", recursive, protocols=range(1, 6))
recursive_dict = {}
recursive_dict["self"] = recursive_dict
add("values", recursive_dict, protocols=range(1, 6))
recursive_tuple = ([],)
recursive_tuple[0].append(recursive_tuple)
add("values", recursive_tuple, protocols=range(2, 6))
add("values", [datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)])
add("values", list(range(1200)), protocols=[2, 5])
add("values", {str(i): i for i in range(1100)}, protocols=[2, 5])
add("values", set(range(1100)), protocols=[2, 5])

# Seeded random nests of the above, so odd combinations are covered too.
random.seed(20240229)
def random_value(depth=0):
    pick = random.randrange(14 if depth < 3 else 8)
    if pick == 0: return random.choice(values[:60])
    if pick == 1: return random.getrandbits(random.randrange(1, 90)) - 2**40
    if pick == 2: return struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0]
    if pick == 3: return "".join(chr(random.choice([random.randrange(32, 127), random.randrange(0x80, 0x800), random.randrange(0x800, 0xD800), random.randrange(0x10000, 0x30000)])) for _ in range(random.randrange(6)))
    if pick == 4: return bytes(random.getrandbits(8) for _ in range(random.randrange(6)))
    if pick == 5: return datetime.datetime(random.randrange(1, 10000), random.randrange(1, 13), random.randrange(1, 29), random.randrange(24), random.randrange(60), random.randrange(60), random.choice([0, random.randrange(10**6)]), tzinfo=random.choice([None, datetime.timezone.utc]))
    if pick == 6: return complex(random.uniform(-1e6, 1e6), random.choice([0.0, -0.0, random.uniform(-1e-6, 1e6)]))
    if pick == 7: return random.choice(values[60:])
    if pick == 8: return tuple(random_value(depth + 1) for _ in range(random.randrange(5)))
    if pick == 9: return [random_value(depth + 1) for _ in range(random.randrange(5))]
    if pick == 10: return {random.choice([random.randrange(-5, 500), "k%d" % random.randrange(50), (1, "a"), None]): random_value(depth + 1) for _ in range(random.randrange(5))}
    if pick == 11: return {random.randrange(-5, 500) for _ in range(random.randrange(5))}
    if pick == 12: return collections.OrderedDict((("k%d" % i), random_value(depth + 1)) for i in range(random.randrange(4)))
    return collections.deque([random_value(depth + 1) for _ in range(random.randrange(4))], maxlen=random.choice([None, 9]))
for _ in range(60):
    add("values", random_value())

# ---- user classes: Python's repr needs their code, so djq prints class path + state ----------------
user = types.ModuleType("demoapp.tasks")
sys.modules["demoapp"] = types.ModuleType("demoapp")
sys.modules["demoapp.tasks"] = user
exec('''
import collections, dataclasses, enum
@dataclasses.dataclass
class Point:
    x: float
    y: float
    label: str = "origin-ish"
Pair = collections.namedtuple("Pair", "left right")
class Plain:
    def __init__(self):
        self.a = [1, 2]
        self.b = {"k": None}
class Color(enum.Enum):
    RED = 1
    GREEN = 2
class Slotted:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = 1
        self.y = "two"
class Tagged(list):
    pass
class Registry(dict):
    pass
class Keyword:
    def __new__(cls, *, size):
        self = object.__new__(cls)
        self.size = size
        return self
    def __getnewargs_ex__(self):
        return (), {"size": self.size}
class Empty:
    pass
''', user.__dict__)
for cls in ("Point", "Pair", "Plain", "Color", "Slotted", "Tagged", "Registry", "Keyword", "Empty"):
    getattr(user, cls).__module__ = "demoapp.tasks"
tagged = user.Tagged([1, 2])
tagged.note = "x"
registry = user.Registry(a=1)
user_values = [
    (user.Point(1.5, -2.25), "demoapp.tasks.Point(x=1.5, y=-2.25, label='origin-ish')", range(2, 6)),
    (user.Pair("l", 2), "demoapp.tasks.Pair('l', 2)", range(0, 6)),
    (user.Plain(), "demoapp.tasks.Plain(a=[1, 2], b={'k': None})", range(0, 6)),
    # Python 3.11 pickles an Enum member as Color(2); 3.12 as getattr(Color, 'GREEN') (the fixtures).
    (user.Color.GREEN, "demoapp.tasks.Color(2)", range(2, 6)),
    (user.Slotted(), "demoapp.tasks.Slotted(x=1, y='two')", range(2, 6)),
    (tagged, "demoapp.tasks.Tagged(note='x', items=[1, 2])", range(2, 6)),
    (registry, "demoapp.tasks.Registry(items={'a': 1})", range(2, 6)),
    (user.Keyword(size=3), "demoapp.tasks.Keyword(size=3)", range(4, 6)),
    (user.Empty(), "demoapp.tasks.Empty()", range(0, 6)),
    ((user.Pair(user.Color.RED, [user.Point(0.0, 1.0, "p")]),), "(demoapp.tasks.Pair(demoapp.tasks.Color(1), [demoapp.tasks.Point(x=0.0, y=1.0, label='p')]),)", range(2, 6)),
]
for value, readable, protocols in user_values:
    add("user", value, protocols=protocols, readable=readable)

# ---- large values: frames are cut where CPython cuts them. The test builds each by name in C++,
# so only the SHA-256 and size of CPython's pickle are stored.
import hashlib
block = lambda i: ("%05d" % i) * 140
large = {
    "long_text_then_short": (["a" * 100000, "b"], [4, 5]),
    "300_blocks": ([block(i) for i in range(300)], [5]),
    "200_tuples": ([(block(i),) for i in range(200)], [5]),
    "120_dict_items": ({block(i): [block(i + 1000)] for i in range(120)}, [5]),
    "3_texts_just_under_64k": ([str(i) * (65520 + i) for i in range(3)], [5]),
    "large_bytes_and_bytearray": ([b"x" * 70000, bytearray(b"y" * 70000)], [3, 4, 5]),
}
for name, (value, protocols) in large.items():
    for protocol in protocols:
        data = pickle.dumps(value, protocol=protocol)
        vectors.append(dict(group="large", protocol=protocol, name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data)))

# ---- what the C++ helpers build (pickle_writer tests build the same values by name) ---------------
built = {
    "datetime_utc": datetime.datetime(2026, 11, 24, 1, 34, 22, 756000, tzinfo=datetime.timezone.utc),
    "datetime_naive": datetime.datetime(2024, 2, 29, 13, 45, 5, 120),
    "date": datetime.date(2024, 2, 29),
    "time": datetime.time(23, 59, 59, 999999),
    "timedelta": datetime.timedelta(days=-1, seconds=5, microseconds=7),
    "decimal": decimal.Decimal("1.10"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "complex": complex(1.5, -2.0),
    "ordered_dict": collections.OrderedDict([("b", 1), ("a", 2)]),
    "big_int": -(10**30),
    "containers": (None, True, [1, 2.5, "s"], {"k": b"v"}, {3}, frozenset(), bytearray(b"ba")),
    "task_package": {"id": "0" * 32, "name": "x", "args": (1,), "kwargs": {}, "started": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
                     "stopped": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)},
}
for name, value in built.items():
    add("built", value, protocols=[5], name=name)

with open("python_vectors.json", "w") as out:
    out.write('{"python": %s, "vectors": [\n' % json.dumps(sys.version.split()[0]))
    out.write(",\n".join(json.dumps(vector, ensure_ascii=True) for vector in vectors))
    out.write("\n]}\n")
print(len(vectors), "vectors")
