"""Times Python's cryptography Fernet on its own loop, for tenantkit's bench.

Reads commands on stdin, one per line: "<encrypt|decrypt> <ops>". For each,
runs the loop, times it with perf_counter and prints one JSON line:
{"op": ..., "ops": ..., "seconds": ...}. Key and plaintext come as argv.
"""
import json
import sys
import time

from cryptography.fernet import Fernet

fernet = Fernet(sys.argv[1].encode("ascii"))
plaintext = b"x" * int(sys.argv[2])
token = fernet.encrypt(plaintext)

print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    op, count = line.split()
    ops = int(count)
    if op == "encrypt":
        start = time.perf_counter()
        for _ in range(ops):
            fernet.encrypt(plaintext)
        seconds = time.perf_counter() - start
    else:
        start = time.perf_counter()
        for _ in range(ops):
            fernet.decrypt(token)
        seconds = time.perf_counter() - start
    print(json.dumps({"op": op, "ops": ops, "seconds": seconds}), flush=True)
