/**
 * c2sp.org/signed-note with Ed25519: signing and verifier-key strings. Parsing and verification are in verify.mjs
 * (shared with the offline verifier) and re-exported here.
 *
 *   <text ending in \n>\n— <key name> <base64(uint32 key ID, big-endian || 64-byte Ed25519 signature)>\n…
 *   key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]
 *   vkey   = <key name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>
 */

import type { KeyObject } from "node:crypto";
import { createPublicKey, sign as cryptoSign } from "node:crypto";
import type { KeyRef, NoteSignature, NoteVerifier } from "./verify.mjs";
import { ED25519_TYPE, formatKeyId, isKeyName, keyIdFor, parseNote, parseVkey, parseVkeys, VerifyError, verifyNote } from "./verify.mjs";

export type { KeyRef, NoteSignature, NoteVerifier };
export { formatKeyId, isKeyName, keyIdFor, parseNote, parseVkey, parseVkeys, VerifyError, verifyNote };

/** Something that signs note text under a (name, key ID). */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

/** The 32-byte RFC 8032 encoding of an Ed25519 public (or private) key's public half. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== "ed25519") {
    throw new TypeError(`audit keys are Ed25519, not ${String(publicKey.asymmetricKeyType)}`);
  }
  const der = publicKey.export({ format: "der", type: "spki" });
  return der.subarray(der.length - 32);
}

function assertKeyName(name: string): void {
  if (!isKeyName(name)) throw new TypeError(`key name ${JSON.stringify(name)} must be non-empty, without spaces or +`);
}

export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  assertKeyName(name);
  if (privateKey.type !== "private") throw new TypeError("a note signer needs a private key");
  const publicKey = rawEd25519PublicKey(privateKey);
  return {
    name,
    keyId: keyIdFor(name, publicKey),
    publicKey,
    sign: (message) => cryptoSign(null, message, privateKey),
  };
}

/** `<name>+<hex key ID>+<base64(0x01 || public key)>`, the verifier key that c2sp signed-note tools accept. */
export function formatVkey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new TypeError("an Ed25519 public key is 32 bytes");
  const typed = Buffer.concat([Buffer.from([ED25519_TYPE]), publicKey]);
  return `${name}+${formatKeyId(keyIdFor(name, publicKey))}+${typed.toString("base64")}`;
}

/** A verifier for `name` and a raw Ed25519 public key (what parseVkey returns for its vkey string). */
export function noteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return parseVkey(formatVkey(name, publicKey));
}

/**
 * Signs `text` with every signer (several during a key rotation). The text must end in a newline and, like the
 * whole note, contain no control characters other than newline (signed-note §Format).
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith("\n") || text === "\n") throw new TypeError("note text must be non-empty and end with a newline");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new TypeError("note text must not contain control characters");
  if (signers.length === 0) throw new TypeError("a note needs at least one signer");
  const seen = new Set<string>();
  const message = Buffer.from(text, "utf8");
  const lines = signers.map((signer) => {
    const id = `${signer.name}+${formatKeyId(signer.keyId)}`;
    if (seen.has(id)) throw new TypeError(`key ${id} given twice`);
    seen.add(id);
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(signer.keyId);
    const signature = Buffer.concat([keyId, signer.sign(message)]);
    return `\u2014 ${signer.name} ${signature.toString("base64")}\n`;
  });
  const note = `${text}\n${lines.join("")}`;
  if (parseNote(note).text !== text) throw new TypeError("note text would not survive parsing");
  return note;
}
