#!/usr/bin/env python3
"""Writes vectors.json: Django signing vectors for tests/unit/test_signing.cpp.

Django is not needed: the few lines of django.core.signing (3.2) and django.utils.crypto.salted_hmac
that Django Q's SignedPackage relies on are re-implemented below, as Django writes them.
Run: python3 tests/data/signing/make_vectors.py > tests/data/signing/vectors.json
"""
import base64, datetime, hashlib, hmac, json, pickle, zlib
from collections import OrderedDict

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

def b62_encode(s):  # django.utils.baseconv.base62.encode / django.core.signing.b62_encode
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    encoded = ""
    while s > 0:
        s, remainder = divmod(s, 62)
        encoded = BASE62[remainder] + encoded
    return sign + encoded

def b64_encode(s):
    return base64.urlsafe_b64encode(s).strip(b"=")

def salted_hmac(key_salt, value, secret, algorithm):
    hasher = getattr(hashlib, algorithm)
    key = hasher(key_salt.encode() + secret.encode()).digest()
    return hmac.new(key, msg=value.encode(), digestmod=hasher)

def signature(value, secret, salt, algorithm):  # Signer.signature -> base64_hmac(salt + 'signer', ...)
    return b64_encode(salted_hmac(salt + "signer", value, secret, algorithm).digest()).decode()

def dumps(data, secret, salt, ts, compress=False, algorithm="sha256"):  # signing.dumps, serializer bytes given
    is_compressed = False
    if compress:
        compressed = zlib.compress(data)
        if len(compressed) < (len(data) - 1):
            data = compressed
            is_compressed = True
    base64d = b64_encode(data).decode()
    if is_compressed:
        base64d = "." + base64d
    value = "%s:%s" % (base64d, b62_encode(ts))
    return "%s:%s" % (value, signature(value, secret, salt, algorithm))

def utc(ts):
    return (datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=ts)).strftime("%Y-%m-%d %H:%M:%S")

started = datetime.datetime(2026, 11, 24, 1, 35, 35, 740355, tzinfo=datetime.timezone.utc)
package = {"id": "06c6dc5407ee48f498935dfc853608f9", "name": "queued-add", "func": "demoapp.tasks.add",
           "args": (40, 2), "kwargs": {}, "started": started}
small = pickle.dumps(package, protocol=5)
big = pickle.dumps({"id": "b" * 32, "func": "math.fsum", "args": (list(range(300)),), "kwargs": {}}, protocol=5)
tiny = pickle.dumps(OrderedDict(a=1), protocol=5)

cases = []
def case(name, data, secret, salt, ts, compress=False, algorithm="sha256"):
    text = dumps(data, secret, salt, ts, compress, algorithm)
    cases.append({"name": name, "pickle_hex": data.hex(), "secret": secret, "salt": salt, "timestamp": ts,
                  "compress": compress, "algorithm": algorithm, "signed": text, "compressed": text.startswith("."),
                  "signed_at": utc(ts), "repr": repr(pickle.loads(data))})

case("package, SHA-256 (Django >= 3.1)", small, "fixture-secret-key-1-not-for-production", "djqdemo", 1795999735)
case("compress asked, not shorter", tiny, "k", "default", 1700000000, compress=True)
case("compressed, SHA-256", big, "s3cret", "mycluster", 1764000000, compress=True)
case("legacy SHA-1 (Django <= 3.0)", small, "legacy-secret", "mycluster", 1600000000, algorithm="sha1")
case("compressed, legacy SHA-1", big, "legacy-secret", "default", 1500000000, compress=True, algorithm="sha1")
case("non-ASCII secret and salt (UTF-8)", small, "s\u00e9cret-\u043a\u043b\u044e\u0447-\U0001f511", "cl\u00fcster", 1764000001)
case("secret longer than a hash block", small, "x" * 200, "default", 1764000002)
case("timestamp 0", tiny, "k", "default", 0)
case("empty salt", tiny, "k", "", 1764000003)

base62 = [[n, b62_encode(n)] for n in (0, 1, 9, 10, 35, 36, 61, 62, 63, 3843, 3844, 1764000000, 2**31 - 1, 2**40, -1, -62, 62**10 - 1)]

hello = zlib.compress(b"hello")
out = {
    "cases": cases,
    "base62": base62,
    "zlib": {
        "hello_hex": hello.hex(),
        "hello_with_trailing_garbage_hex": (hello + b"garbage").hex(),  # zlib.decompress ignores what follows the stream
        "truncated_hex": hello[:-3].hex(),
        "python_compress_big_hex": zlib.compress(big).hex(),  # Django compresses with zlib.compress(data) (level -1)
    },
}
print(json.dumps(out, indent=1, ensure_ascii=False))
