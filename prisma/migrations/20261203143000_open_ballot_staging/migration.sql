-- Secret ballots of open votes live in their own table until the close (issue #17): the close moves them into
-- "Ballot" in one insert and empties "OpenBallot" with TRUNCATE, so "Ballot" never holds a deleted tuple and no ballot
-- row on disk carries a voter's transaction id.
CREATE TABLE "OpenBallot" (
    "id" TEXT NOT NULL,
    "motionId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "tracker" TEXT NOT NULL,

    CONSTRAINT "OpenBallot_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "OpenBallot_motionId_tracker_key" ON "OpenBallot"("motionId", "tracker");

ALTER TABLE "OpenBallot" ADD CONSTRAINT "OpenBallot_motionId_fkey" FOREIGN KEY ("motionId") REFERENCES "Motion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A vote still open when this version is installed keeps its ballots: they move to the open table and are rewritten
-- at its close like any other.
INSERT INTO "OpenBallot" ("id", "motionId", "choice", "tracker")
  SELECT b."id", b."motionId", b."choice", b."tracker" FROM "Ballot" b JOIN "Motion" m ON m."id" = b."motionId" WHERE m."state" = 'open';
DELETE FROM "Ballot" b USING "Motion" m WHERE m."id" = b."motionId" AND m."state" = 'open';
