"""Runs Python's `cryptography` Fernet for tenantkit's interop tests.

Reads one JSON request on stdin, writes one JSON answer on stdout. Bytes
travel as base64 (standard alphabet) so any plaintext round-trips.
"""
import base64
import json
import sys

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def context_key(key, tenant_id, table, column):
    # The derivation documented in the package README, kept identical.
    info = b"tenantkit/crypto context v1"
    for part in (tenant_id, table, column):
        data = part.encode("utf-8")
        info += len(data).to_bytes(2, "big") + data
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=info
    ).derive(base64.urlsafe_b64decode(key))
    return base64.urlsafe_b64encode(derived).decode("ascii")


def ring(request):
    keys = request["keys"]
    context = request.get("context")
    if context:
        keys = [
            context_key(k, context["tenantId"], context["table"],
                        context["column"])
            for k in keys
        ]
    return MultiFernet([Fernet(k) for k in keys])


def attempt(fn):
    try:
        return {"ok": True, "value": fn()}
    except InvalidToken:
        return {"ok": False, "error": "InvalidToken"}
    except Exception as error:  # ValueError for non-ASCII text, as Python does
        return {"ok": False, "error": type(error).__name__}


def b64(data):
    return base64.b64encode(data).decode("ascii")


def main():
    request = json.load(sys.stdin)
    op = request["op"]
    f = ring(request) if request["keys"] else None
    now = request.get("now")
    ttl = request.get("ttl")

    if op == "encrypt":
        out = []
        for p in request["plaintexts"]:
            data = base64.b64decode(p)
            token = f.encrypt_at_time(data, now) if now else f.encrypt(data)
            out.append(token.decode("ascii"))
    elif op == "decrypt":
        def dec(t):
            if ttl is not None:
                return b64(f.decrypt_at_time(t, ttl, now))
            return b64(f.decrypt(t))
        tokens = request.get("tokens") or [
            base64.b64decode(t) for t in request["tokenBytes"]
        ]
        out = [attempt(lambda t=t: dec(t)) for t in tokens]
    elif op == "rotate":
        out = [attempt(lambda t=t: f.rotate(t).decode("ascii"))
               for t in request["tokens"]]
    elif op == "timestamp":
        out = [attempt(lambda t=t: f.extract_timestamp(t))
               for t in request["tokens"]]
    elif op == "derive":
        c = request["context"]
        out = [context_key(k, c["tenantId"], c["table"], c["column"])
               for k in request["rawKeys"]]
    elif op == "keys":
        # Each key exactly as configured, given to Fernet() as text.
        data = base64.b64decode(request["plaintexts"][0])
        out = [attempt(lambda k=k: Fernet(k).encrypt(data).decode("ascii"))
               for k in request["textKeys"]]
    elif op == "generate":
        out = [Fernet.generate_key().decode("ascii")
               for _ in range(request["count"])]
    else:
        raise SystemExit("unknown op " + op)
    json.dump(out, sys.stdout)


main()
