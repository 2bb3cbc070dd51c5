/**
 * The township's photo index (issue #23 item 1; migration township_photo_index). A village's command is confined to
 * the village by row-level security and cannot read its neighbours' evidence — rightly: those rows hold the images.
 * Each upload under a township therefore also writes its hashes into TownshipPhotoHash (no image, no file name, no
 * person: the hashes, the organization and project, the upload time), and reads the other organizations' rows of the
 * same township from it: the one narrow query below, whose policy shows that township's rows and nothing of another
 * township. A near-duplicate found there is recorded in TownshipPhotoReuse, which both organizations' alerts and the
 * township's dashboard read, and in the upload's audit entry.
 */
import { townshipOf } from "../../auth/permissions";
import type { PhotoHashes } from "../../domain/implementation/phash";
import type { DuplicateUse } from "../../domain/implementation/progress";
import { afterCommit, type Tx } from "../run";

export type TownshipUse = PhotoHashes & Omit<DuplicateUse, "distance">;

export type TownshipIndex = { townshipId: string; orgName: string; known: TownshipUse[] };

/** The township above the organization and every photo its other villages and cooperatives used; null with no township. */
export async function townshipPhotoIndex(tx: Tx, orgId: string): Promise<TownshipIndex | null> {
  const above = await townshipOf(tx, orgId);
  if (!above) return null;
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { name: true } });
  const rows = await tx.townshipPhotoHash.findMany({
    where: { townshipId: above.townshipId, orgId: { not: orgId } },
    select: { id: true, orgId: true, orgName: true, matterId: true, matterTitle: true, planId: true, hashes: true, mirrors: true, uploadedAt: true },
  });
  return {
    townshipId: above.townshipId,
    orgName: org?.name ?? "",
    known: rows.map((r) => ({
      fileId: r.id,
      filename: "",
      planId: r.planId,
      matterId: r.matterId,
      matterTitle: r.matterTitle,
      hashes: r.hashes,
      mirrors: r.mirrors,
      other: { orgId: r.orgId, orgName: r.orgName, uploadedAt: r.uploadedAt.toISOString() },
    })),
  };
}

/** Adds an uploaded photo to the township's index, with the other organizations' photos it repeats. */
export async function indexTownshipPhoto(
  tx: Tx,
  index: TownshipIndex,
  photo: { fileId: string; orgId: string; matterId: string; matterTitle: string; planId: string; hashes: string[]; mirrors: string[]; uploadedAt: Date },
  repeats: DuplicateUse[],
): Promise<void> {
  await tx.townshipPhotoHash.create({
    data: {
      id: photo.fileId,
      townshipId: index.townshipId,
      orgId: photo.orgId,
      orgName: index.orgName,
      matterId: photo.matterId,
      matterTitle: photo.matterTitle,
      planId: photo.planId,
      hashes: photo.hashes,
      mirrors: photo.mirrors,
      uploadedAt: photo.uploadedAt,
    },
  });
  const others = new Set<string>();
  for (const use of repeats) {
    if (!use.other) continue;
    others.add(use.other.orgId);
    await tx.townshipPhotoReuse.create({
      data: {
        townshipId: index.townshipId,
        fileId: photo.fileId,
        orgId: photo.orgId,
        otherFileId: use.fileId,
        otherOrgId: use.other.orgId,
        distance: use.distance,
      },
    });
  }
  // The other organization's alerts now name this use too; its transaction is not ours to write (row-level security).
  if (others.size > 0) afterCommit(tx, { type: "alerts.changed", orgId: photo.orgId, meetingId: "", otherOrgIds: [...others] });
}
