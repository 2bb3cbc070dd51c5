// Known answers from c2sp.org/tlog-cosignature (C2SP/C2SP, tlog-cosignature.md): its example checkpoint, its example
// signed message for `time 1679315147`, and its example cosignature line by witness.example.com/w1. The spec does not
// publish that witness's public key, so the line is checked for its structure (key ID, timestamp, 64-byte signature)
// and our own cosignatures are checked end to end, also with plain node:crypto as an outside verifier would.
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cosignatureKeyId, cosignedMessage, keyIdFor, parseNote, parseVkey, parseWitnessVkey, verifyCosignatures, verifyNote } from "../audit/verify.mjs";
import { ed25519Cosigner } from "./cosigner";

const SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const SPEC_MESSAGE = `cosignature/v1\ntime 1679315147\n${SPEC_BODY}`;
const SPEC_NOTE =
  `${SPEC_BODY}\n` +
  "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n" +
  "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

describe("c2sp.org/tlog-cosignature, Ed25519 cosignature/v1", () => {
  it("builds the spec's signed message for its example checkpoint and time", () => {
    expect(cosignedMessage(SPEC_BODY, 1679315147).toString("utf8")).toBe(SPEC_MESSAGE);
  });

  it("reads the spec's example cosignature line: key ID, big-endian timestamp 1679315147, 64-byte signature", () => {
    const { text, signatures } = parseNote(SPEC_NOTE);
    expect(text).toBe(SPEC_BODY);
    const witness = signatures.find((s) => s.name === "witness.example.com/w1");
    expect(witness).toBeDefined();
    expect(witness!.keyId.toString(16).padStart(8, "0")).toBe("8d66cf3f");
    expect(witness!.signature.length).toBe(72);
    expect(Number(witness!.signature.readBigUInt64BE(0))).toBe(1679315147);
  });

  it("signed-note's published example vkey still verifies its example note (key type 0x01 is not a witness key)", () => {
    const vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    const note =
      "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
    expect(verifyNote(note, [parseVkey(vkey)]).verifiedBy).toEqual([{ name: "example.com/foo", keyId: 0x530d903a }]);
    expect(() => parseWitnessVkey(vkey)).toThrow(/type 0x04/);
  });

  it("our cosignature verifies with plain node:crypto over the spec's message layout, and with verify.mjs", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const cosigner = ed25519Cosigner("witness.example.com/w1", privateKey);
    const line = cosigner.cosign(SPEC_BODY, 1679315147);
    const payload = Buffer.from(line.trim().split(" ")[2]!, "base64");
    expect(payload.length).toBe(76);
    expect(payload.readUInt32BE(0)).toBe(cosignatureKeyId("witness.example.com/w1", cosigner.publicKey));
    expect(Number(payload.readBigUInt64BE(4))).toBe(1679315147);
    const ok = verify(null, Buffer.from(SPEC_MESSAGE), createPublicKey(privateKey), payload.subarray(12));
    expect(ok).toBe(true);

    const note = `${SPEC_BODY}\n${line}`;
    const witness = parseWitnessVkey(cosigner.vkey);
    expect(verifyCosignatures(note, [witness])).toEqual([{ name: "witness.example.com/w1", keyId: witness.keyId, timestamp: 1679315147 }]);
    // The same signature over another tree size fails, naming the witness.
    expect(() => verifyCosignatures(note.replace("20852163", "20852164"), [witness])).toThrow(/bad cosignature by witness witness.example.com\/w1/);
    // The key ID commits to type 0x04: the same name and public key as a note signer (type 0x01) has another ID.
    expect(cosignatureKeyId("w", cosigner.publicKey)).not.toBe(keyIdFor("w", cosigner.publicKey));
  });
});
