import { describe, expect, it } from "vitest";
import { cleanFilename, detectMaterialType } from "./materialType";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe("material types", () => {
  it("tells PDF, PNG, JPEG and WebP by their first bytes", () => {
    expect(detectMaterialType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(detectMaterialType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(detectMaterialType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(detectMaterialType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses anything else, whatever its name or claimed type", () => {
    expect(detectMaterialType(bytes("MZ\x90\x00"))).toBeNull();
    expect(detectMaterialType(bytes("<html>"))).toBeNull();
    expect(detectMaterialType(bytes("RIFF", [1, 2, 3, 4], "WAVE"))).toBeNull();
    expect(detectMaterialType(new Uint8Array())).toBeNull();
  });

  it("keeps a display name without path or control characters", () => {
    expect(cleanFilename("C:\\Users\\a\\会议材料.pdf")).toBe("会议材料.pdf");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename('a"\u0000b.pdf')).toBe("ab.pdf");
    expect(cleanFilename("")).toBe("material");
  });
});
