/**
 * A witness's own key: Ed25519 cosignatures in the c2sp.org/tlog-cosignature "cosignature/v1" format, and its
 * verifier key (type 0x04). Checking cosignatures is in verify.mjs (the offline verifier needs it too).
 */

import type { KeyObject } from "node:crypto";
import { sign as cryptoSign } from "node:crypto";
import { rawEd25519PublicKey } from "../audit/note";
import type { WitnessVerifier } from "../audit/verify.mjs";
import { COSIGNATURE_TYPE, cosignatureKeyId, cosignedMessage, formatKeyId, isKeyName, parseWitnessVkey } from "../audit/verify.mjs";

export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  /** The vkey that logs and verifiers configure: `<name>+<key ID>+<base64(0x04 || key)>`. */
  readonly vkey: string;
  /** One signature line (with its newline) cosigning the checkpoint note text `text` at `timestamp`. */
  cosign(text: string, timestamp: number): string;
}

export function formatWitnessVkey(name: string, publicKey: Uint8Array): string {
  if (!isKeyName(name)) throw new TypeError(`witness name ${JSON.stringify(name)} must be non-empty, without spaces or +`);
  const typed = Buffer.concat([Buffer.from([COSIGNATURE_TYPE]), publicKey]);
  return `${name}+${formatKeyId(cosignatureKeyId(name, publicKey))}+${typed.toString("base64")}`;
}

export function witnessVerifier(name: string, publicKey: Uint8Array): WitnessVerifier {
  return parseWitnessVkey(formatWitnessVkey(name, publicKey));
}

/** The signature line's payload: key ID || big-endian timestamp || Ed25519 signature (tlog-cosignature §Format). */
export function cosignatureLine(name: string, keyId: number, timestamp: number, signature: Uint8Array): string {
  const payload = Buffer.alloc(4 + 8 + signature.length);
  payload.writeUInt32BE(keyId, 0);
  payload.writeBigUInt64BE(BigInt(timestamp), 4);
  payload.set(signature, 12);
  return `\u2014 ${name} ${payload.toString("base64")}\n`;
}

export function ed25519Cosigner(name: string, privateKey: KeyObject): Cosigner {
  if (privateKey.type !== "private") throw new TypeError("a cosigner needs a private key");
  const publicKey = rawEd25519PublicKey(privateKey);
  const vkey = formatWitnessVkey(name, publicKey);
  const keyId = cosignatureKeyId(name, publicKey);
  return {
    name,
    keyId,
    publicKey,
    vkey,
    cosign(text, timestamp) {
      const signature = cryptoSign(null, cosignedMessage(text, timestamp), privateKey);
      return cosignatureLine(name, keyId, timestamp, signature);
    },
  };
}
