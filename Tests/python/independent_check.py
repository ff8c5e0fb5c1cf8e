#!/usr/bin/env python3
"""An independent check of Inquest's verifiable log, written from docs/audit-format.md
with published packages: pymerkle (RFC 9162 tree) and cryptography (Ed25519).

    independent_check.py EXPORT.jsonl CHECKPOINT LOG-KEY.pub BUNDLE.tlog-proof

Exits 0 when the checkpoint's signature, its root (recomputed by pymerkle from the
export), and the bundle's inclusion proof all hold; 1 otherwise, saying why."""
import base64, hashlib, json, sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pymerkle import InmemoryTree

FIELDS = ["seq", "id", "occurred_at", "txid", "login", "actor", "table_name", "record_key",
          "case_id", "operation", "old_values", "new_values"]


def fail(why):
    print("independent check failed: " + why)
    sys.exit(1)


def canonical(event):
    def esc(v):
        return "\\N" if v is None else str(v).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return ("inquest-event-v1\n" + "".join(esc(event[f]) + "\n" for f in FIELDS)).encode()


def node(l, r):
    return hashlib.sha256(b"\x01" + l + r).digest()


def verify_inclusion(index, size, leaf, proof, root):  # RFC 9162 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def split_note(text):
    body, _, sigs = text.rpartition("\n\n")
    return body + "\n", [l for l in sigs.split("\n") if l]


export_path, checkpoint_path, key_path, bundle_path = sys.argv[1:5]
name, key_id, key_b64 = open(key_path).read().strip().split("+", 2)
raw = base64.b64decode(key_b64)
if raw[0] != 1 or hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id:
    fail("the key ID of the public key does not match its name and key")
public_key = Ed25519PublicKey.from_public_bytes(raw[1:])

body, signatures = split_note(open(checkpoint_path, encoding="utf-8").read())
origin, size, root_b64 = body.split("\n")[:3]
size, root = int(size), base64.b64decode(root_b64)
for line in signatures:
    dash, signer, blob = line.split(" ")
    blob = base64.b64decode(blob)
    if signer == name and blob[:4].hex() == key_id:
        public_key.verify(blob[4:], body.encode())  # raises when it does not verify
        break
else:
    fail("no signature by the log key")

tree = InmemoryTree(algorithm="sha256")
texts = []
with open(export_path, encoding="utf-8") as export:
    for line in export:
        event = json.loads(line)
        texts.append(canonical(event))
        tree.append_entry(texts[-1])
if tree.get_size() < size:
    fail("the export has fewer events than the checkpoint")
if tree.get_root(size) != root:
    fail("pymerkle's root over the first %d events differs from the checkpoint's" % size)

lines = open(bundle_path, encoding="utf-8").read().split("\n")
if lines[0] != "c2sp.org/tlog-proof@v1" or not lines[1].startswith("extra ") or not lines[2].startswith("index "):
    fail("the bundle does not start as c2sp.org/tlog-proof@v1")
text, index = base64.b64decode(lines[1][6:]), int(lines[2][6:])
proof = [base64.b64decode(l) for l in lines[3:lines.index("")]]
if text != texts[index]:
    fail("the bundle's event is not the export's event %d" % (index + 1))
leaf = hashlib.sha256(b"\x00" + text).digest()
if not verify_inclusion(index, size, leaf, proof, root):
    fail("the inclusion proof does not verify")
theirs = tree.prove_inclusion(index + 1, size).serialize()["path"]
if not set(p.hex() for p in proof) <= set(theirs):
    fail("the inclusion proof's hashes are not those pymerkle's path holds")
print("ok: %d events; root %s; event %d included" % (size, root_b64, index + 1))
