import { describe, expect, it } from "vitest";
import { isNearDuplicate, photoDistance } from "../../domain/implementation/phash";
import { disguise, originalPhoto, photoWithExif } from "../../testing/photos";
import { exifTime, readPhoto } from "./photo";

describe("near-duplicate photos", () => {
  it("matches a re-compressed, a cropped and a mirrored copy of a photo with the photo, and not with other photos", async () => {
    const original = await readPhoto(await originalPhoto(1));
    for (const how of ["recompressed", "cropped", "mirrored", "mirrored+recompressed"] as const) {
      const copy = await readPhoto(await disguise(await originalPhoto(1), how));
      expect(isNearDuplicate(copy, original), how).toBe(true);
    }
    for (const seed of [2, 3, 4]) {
      const other = await readPhoto(await originalPhoto(seed));
      expect(isNearDuplicate(other, original), `scene ${seed}`).toBe(false);
      expect(photoDistance(other, original)).toBeGreaterThan(12);
    }
  });

  it("refuses what is not a picture", async () => {
    await expect(readPhoto(new TextEncoder().encode("%PDF-1.4 not a photo"))).rejects.toThrow();
  });
});

describe("photo metadata", () => {
  it("reads the capture time as China time and the GPS position", async () => {
    const facts = await readPhoto(await photoWithExif(5, "2026:05:03 10:20:30", { lat: 30.25, lon: 120.5 }));
    expect(facts.takenAt?.toISOString()).toBe("2026-05-03T02:20:30.000Z");
    expect(facts.place?.lat).toBeCloseTo(30.25, 4);
    expect(facts.place?.lon).toBeCloseTo(120.5, 4);
  });
  it("has no time or place for a photo without EXIF, and honours a recorded offset", async () => {
    const facts = await readPhoto(await originalPhoto(6));
    expect(facts).toMatchObject({ takenAt: null, place: null });
    expect(exifTime("2026:05:03 10:20:30", "+00:00")?.toISOString()).toBe("2026-05-03T10:20:30.000Z");
    expect(exifTime("0000:00:00 00:00:00", null)).toBeNull();
  });
});
