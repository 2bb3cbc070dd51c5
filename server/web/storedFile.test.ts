import { describe, expect, it } from "vitest";
import { contentDisposition } from "./storedFile";

describe("contentDisposition", () => {
  it("gives old browsers an ASCII name and new ones the real Chinese name", () => {
    const header = contentDisposition("inline", '会议材料 "终稿".pdf');
    expect(header.startsWith('inline; filename="')).toBe(true);
    const ascii = /filename="([^"]*)"/.exec(header)?.[1] ?? "";
    expect(ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(ascii.endsWith(".pdf")).toBe(true);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? "";
    expect(decodeURIComponent(encoded)).toBe('会议材料 "终稿".pdf');
  });

  it("saves instead of showing only when asked", () => {
    expect(contentDisposition("attachment", "a.png").startsWith("attachment;")).toBe(true);
  });
});
