#!/usr/bin/env python3
"""Writes the committed seed inputs of five fuzz targets from shared/corpus:

  seeds/frames/        fuzz_frames: a mode byte (0: crc) + the crc-mode frames the recorded
                       servers sent after their banner
  seeds/keyring/       fuzz_keyring: a keyring, a ceph.conf, addresses
  seeds/session/       fuzz_session: a session byte (0 mon-crc, 1 mon-secure, 2 osd-crc,
                       3 osd-secure, 4 auth none) + every byte the recorded server sent
  seeds/mon_replies/   fuzz_mon_replies: monitor message fronts (MMonMap and MOSDMap from
                       the recorded sessions; MAuthReply, MMonCommandAck, MStatfsReply,
                       MPoolOpReply, MMonGetVersionReply built here as Pacific encodes them)
  seeds/decode_many/   fuzz_decode_many: a type index (see fuzz_decode_many.cc) + one
                       encoding of that type (from the corpus, the sessions, or built here)

Run from anywhere: tests/fuzz/seeds/make_seeds.py [SHARED_DIR] (default: ../shared beside
the checkout). The outputs are committed; rerun only when the inputs change.
"""
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus")


def load(name):
    with open(os.path.join(CORPUS, "transcripts", name)) as f:
        lines = [json.loads(l) for l in f if l.strip()]
    return lines[0], lines[1:]


def write(folder, name, data):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "wb") as f:
        f.write(data)


def le(fmt, *v):
    return struct.pack("<" + fmt, *v)


def string(s):
    b = s.encode() if isinstance(s, str) else s
    return le("I", len(b)) + b


PAXOS = le("QhQ", 7, -1, 0)  # version, session_mon, session_mon_tid
FSID = bytes(range(16))

# --- session ------------------------------------------------------------------------------
for index, name in enumerate(["mon-crc", "mon-secure", "osd-crc", "osd-secure"]):
    _, records = load(name + ".jsonl")
    server = b"".join(bytes.fromhex(r["hex"]) for r in records if r["dir"] == "s2c")
    write("session", name, bytes([index]) + server)
    if name == "mon-crc":
        # Auth none against the same server bytes: fails at AUTH_DONE, but starts the fuzzer
        # with a valid banner and HELLO.
        write("session", "none-crc", bytes([4]) + server)

# --- frames -------------------------------------------------------------------------------
for name in ["mon-crc", "osd-crc"]:
    _, records = load(name + ".jsonl")
    frames = b"".join(bytes.fromhex(r["hex"]) for r in records if r["dir"] == "s2c" and r["label"] != "banner")
    write("frames", name, b"\x00" + frames)

# --- keyring (configuration text) ---------------------------------------------------------
header, _ = load("mon-crc.jsonl")
key = header["inputs"]["PROBE_KEY"]
write("keyring", "keyring", (
    "[client.admin]\n\tkey = %s\n\tcaps mon = \"allow *\"\n\tcaps osd = \"allow *\"\n" % key).encode())
write("keyring", "key", key.encode() + b"\n")
write("keyring", "ceph.conf", b"""[global]
\tfsid = 9ef5d7c1-041e-4021-a8f6-db0430308f43
\tmon host = [v2:127.0.0.1:3300,v1:127.0.0.1:6789] v2:10.0.0.2:3300
\tauth client required = cephx ; comment
[client]
\tkeyring = /etc/ceph/$cluster.$name.keyring
\tms_mon_client_mode = secure crc
""")
write("keyring", "addr-v2", b"v2:127.0.0.1:3300/0")
write("keyring", "addr-v6", b"v1:[::1]:6789/12")

# --- mon_replies --------------------------------------------------------------------------
for name in ["mon-crc"]:
    _, records = load(name + ".jsonl")
    for r in records:
        if r["dir"] == "s2c" and r["label"].startswith("MESSAGE"):
            kind = r["label"].split()[1]
            write("mon_replies", kind, bytes.fromhex(r["segments"][1]))
write("mon_replies", "MAuthReply",
      le("IiQ", 2, 0, 4242) + string(b"\x01" + le("I", 0)) + string("renewed"))
write("mon_replies", "MAuthReply-refused", le("IiQ", 2, -13, 0) + string(b"") + string("denied"))
write("mon_replies", "MMonCommandAck",
      PAXOS + le("i", 0) + string("pool 'x' created") + le("I", 1) + string('{"prefix":"osd pool create"}'))
write("mon_replies", "MMonCommandAck-error",
      PAXOS + le("i", -22) + string("unknown command") + le("I", 0))
write("mon_replies", "MStatfsReply", FSID + le("QQQQQ", 12, 3 << 20, 1 << 10, (3 << 20) - 1024, 5))
write("mon_replies", "MPoolOpReply", PAXOS + FSID + le("iI", 0, 42) + b"\x00")
write("mon_replies", "MPoolOpReply-data", PAXOS + FSID + le("iI", 0, 43) + b"\x01" + string(b"\x05" * 8))
write("mon_replies", "MMonGetVersionReply", le("QQQ", 3, 68, 1))
write("mon_replies", "MMonGetVersionReply-v1", le("QQ", 3, 68))

# --- decode_many --------------------------------------------------------------------------
corpus_types = {
    0: "CephXServerChallenge",
    1: "CephXRequestHeader",
    2: "CephXResponseHeader",
    3: "CephXServiceTicket",
    5: "CephXAuthorize",
    6: "CephXAuthorizeChallenge",
}
for index, folder in corpus_types.items():
    seen = set()
    for release in ["ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"]:
        path = os.path.join(CORPUS, release, folder)
        if not os.path.isdir(path):
            continue
        for sample in sorted(os.listdir(path))[:4]:
            with open(os.path.join(path, sample), "rb") as f:
                data = f.read()
            if data in seen:
                continue
            seen.add(data)
            write("decode_many", f"{index:02d}-{folder}-{release}-{sample[:8]}", bytes([index]) + data)

_, records = load("mon-crc.jsonl")
by_label = {}
for r in records:
    by_label.setdefault((r["dir"], r["label"]), r)
write("decode_many", "11-AUTH_REQUEST", bytes([11]) + bytes.fromhex(by_label[("c2s", "AUTH_REQUEST")]["segments"][0]))
write("decode_many", "12-AUTH_REPLY_MORE", bytes([12]) + bytes.fromhex(by_label[("s2c", "AUTH_REPLY_MORE")]["segments"][0]))
write("decode_many", "12-AUTH_REQUEST_MORE", bytes([12]) + bytes.fromhex(by_label[("c2s", "AUTH_REQUEST_MORE")]["segments"][0]))
write("decode_many", "13-CLIENT_IDENT", bytes([13]) + bytes.fromhex(by_label[("c2s", "CLIENT_IDENT")]["segments"][0]))
write("decode_many", "04-AuthCapsInfo", bytes([4]) + b"\x01\x00" + string(b"\x01\x00\x00\x00"))
write("decode_many", "07-CephXServiceTicketRequest", bytes([7]) + b"\x01" + le("I", 0x15))
snap = le("Q", 1) + le("II", 1700000000, 5) + string("s1")
write("decode_many", "08-pool_snap_info", bytes([8]) + b"\x02\x02" + le("I", len(snap)) + snap)
write("decode_many", "09-eversion", bytes([9]) + le("QI", 68, 12))
write("decode_many", "10-entity_name_t", bytes([10]) + b"\x08" + le("q", 4242))
write("decode_many", "14-IDENT_MISSING_FEATURES", bytes([14]) + le("Q", 1 << 59))
write("decode_many", "15-KEEPALIVE2", bytes([15]) + le("II", 1700000000, 12345))
write("decode_many", "17-paxos_header", bytes([17]) + PAXOS)
# mon_info_t v5, as inside the recorded MonMap: name, addrvec, priority, weight, crush_loc.
addr = b"\x01\x01\x01" + le("I", 28) + le("II", 2, 0) + le("I", 16) + b"\x02\x00" + struct.pack(">H", 3300) + bytes([127, 0, 0, 1]) + bytes(8)
addrvec = b"\x02" + le("I", 1) + addr
body = string("a") + addrvec + le("HH", 0, 0) + le("I", 0)
write("decode_many", "16-mon_info", bytes([16]) + b"\x05\x01" + le("I", len(body)) + body)
print("seeds written under", HERE)
